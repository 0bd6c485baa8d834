import { type DemoAsset, h, p, quote, stats, ul } from "./demo-asset";

/** English battle cards and objection guides. */
export const englishCompetitive: DemoAsset[] = [
  {
    externalId: "bc-acme-en",
    title: "Battle card: Northwind vs Acme BI Suite",
    summary:
      "How to win against Acme's legacy BI suite: nine-month rollouts, per-seat pricing and extract cubes versus Northwind's live semantic layer and unlimited viewers.",
    type: "battle_card",
    language: "en",
    stages: ["discovery", "demo", "proposal"],
    personas: ["it", "finance", "sales_leader"],
    industries: [],
    competitors: ["acme"],
    objections: ["price", "switching_cost"],
    tags: ["competitive", "acme", "legacy BI"],
    content: {
      format: "md",
      subtitle:
        "Battle card | Competitor: Acme Corp (Acme BI Suite 12) | Owner: Product Marketing | Reviewed quarterly",
      blocks: [
        h("Where Acme shows up"),
        p(
          "Acme is the incumbent in most enterprises with more than 5,000 employees. Buyers rarely evaluate Acme fresh: they are renewing it, and the question in the room is whether leaving is worth the pain. Expect Acme when the finance team owns reporting and IT owns the data warehouse.",
        ),
        h("Their pitch in one line"),
        p(
          '"The safe choice: pixel-perfect reports, 30 years of enterprise deployments, and everything in one suite."',
        ),
        h("Why we win"),
        ul(
          "Time to value: Northwind customers reach their first governed dashboard in 6 weeks on median; Acme's own partner network quotes 6 to 9 months for a BI Suite 12 rollout.",
          "Live data, no cubes: Acme refreshes extract cubes overnight, so Monday's numbers describe Friday. Northwind queries the warehouse live through the Metrics Hub.",
          "Unlimited viewers: Acme charges roughly $70 per viewer per month. Northwind prices on capacity, so rolling dashboards out to 2,000 store managers costs nothing extra.",
          "One definition of revenue: the Metrics Hub defines each metric once; Acme definitions live in every report author's workbook.",
        ),
        h("Where Acme is strong (do not pick these fights)"),
        ul(
          "Pixel-perfect, paginated regulatory reports: Acme is genuinely good at them. Position Northwind alongside, not instead, for statutory filings.",
          "Deep Excel add-in used by finance power users: show our Excel connector, but do not claim parity.",
        ),
        h("Landmines to lay in discovery"),
        ul(
          "How long did your last Acme upgrade take, and who paid the partner?",
          "How many people see a dashboard today, and how many would if seats were free?",
          "When finance and sales report different revenue numbers, how long does it take to find out why?",
        ),
        h("Proof points"),
        stats(
          ["6 weeks", "median time to first governed dashboard"],
          ["41%", "lower 3-year TCO than Acme (Harbor Steel)"],
          ["2,000", "store managers on dashboards at Lumen & Co."],
        ),
        quote(
          "We ran Acme for eleven years. Northwind replaced 340 cube reports in one quarter, and nobody asked for them back.",
          "Dana Whitfield, VP Operations, Harbor Steel",
        ),
        h("If they say..."),
        ul(
          '"Acme is already paid for." Ask about the renewal uplift (usually 7 to 9 percent) and the partner hours booked for the next upgrade; run the TCO calculator together.',
          '"Migration is too risky." Offer the 30-day parallel run: both systems side by side, Acme switched off only when the numbers match.',
        ),
      ],
    },
  },
  {
    externalId: "bc-globex-en",
    title: "Battle card: Northwind vs Globex Insights",
    summary:
      "Globex wins on a cheap first team; Northwind wins on governance: one metric layer, row-level security and Japan data residency once self-service sprawls.",
    type: "battle_card",
    language: "en",
    stages: ["demo", "proposal", "negotiation"],
    personas: ["it", "marketing", "executive"],
    industries: [],
    competitors: ["globex"],
    objections: ["price", "security"],
    tags: ["competitive", "globex", "self-service"],
    content: {
      format: "md",
      subtitle: "Battle card | Competitor: Globex Corporation (Globex Insights) | Owner: Product Marketing",
      blocks: [
        h("Where Globex shows up"),
        p(
          "Globex enters bottom-up: a marketing or sales-ops team buys ten creator licences on a credit card, builds fast charts, and a year later IT discovers 400 workbooks with six definitions of 'active customer'. We usually meet Globex at that moment, when IT or the CFO is asked to standardise.",
        ),
        h("Their pitch in one line"),
        p('"Beautiful dashboards in an afternoon, $35 per creator, no IT ticket required."'),
        h("Why we win"),
        ul(
          "Governance that scales: Globex has no shared semantic layer, so every workbook re-implements revenue, churn and margin. The Metrics Hub defines them once and every dashboard inherits the definition.",
          "Row-level security: Globex filters data per workbook; one copied workbook leaks a region's numbers. Northwind enforces row-level policies in the platform, for every query, including the AI assistant.",
          "Data residency: Globex hosts in the US and EU only. Northwind runs in AWS Tokyo and Osaka with ISMAP registration for Japanese public-sector and regulated buyers.",
          "Total cost at scale: Globex's per-creator price looks cheap at 10 users and is not cheap at 400 creators plus the data engineer who maintains extracts.",
        ),
        h("Where Globex is strong"),
        ul(
          "Chart design and speed for a single analyst: concede it, then move the conversation to what happens at 400 users.",
          "Community templates: they have many. Ours are curated per industry.",
        ),
        h("Discovery questions"),
        ul(
          "How many Globex workbooks define revenue, and do they agree?",
          "Who can see salary or patient data in those workbooks today, and how do you know?",
          "Where is the data stored, and has your security team signed that off?",
        ),
        stats(
          ["1", "definition per metric in the Metrics Hub"],
          ["400+", "workbooks consolidated at Bluewater Credit Union"],
          ["ISMAP", "registered; Tokyo and Osaka regions"],
        ),
        quote(
          "Globex got us started. Northwind got finance and sales to agree on what a customer is.",
          "Priya Raman, Director of Analytics, Bluewater Credit Union",
        ),
      ],
    },
  },
  {
    externalId: "bc-initech-en",
    title: "Battle card: Northwind vs Initech DataWorks",
    summary:
      "Initech is a warehouse-native toolkit for engineers; Northwind gives business users self-service on the same warehouse with predictable, capacity-based pricing.",
    type: "battle_card",
    language: "en",
    stages: ["discovery", "demo", "negotiation"],
    personas: ["it", "finance"],
    industries: ["software", "financial_services"],
    competitors: ["initech"],
    objections: ["price", "integration"],
    tags: ["competitive", "initech", "consumption pricing"],
    content: {
      format: "md",
      subtitle: "Battle card | Competitor: Initech (Initech DataWorks) | Owner: Solutions Engineering",
      blocks: [
        h("Where Initech shows up"),
        p(
          "Initech is the favourite of data-engineering teams who already run a modern warehouse. It is a strong toolkit: SQL models, notebooks, scheduling. The buyer is usually a Head of Data; the users who are left out are everyone in finance, sales and operations who do not write SQL.",
        ),
        h("Why we win"),
        ul(
          "Business self-service: in Initech, every new question is a ticket for an analytics engineer. In Northwind, business users explore governed metrics and ask questions in plain English or Japanese with Ask Northwind.",
          "Predictable spend: Initech bills per compute credit, and two of our customers saw monthly invoices swing by more than 60 percent. Northwind is a fixed annual capacity with alerts long before a limit.",
          "Works with their models: Northwind reads Initech and dbt models directly, so the data team keeps its work and gains an audience.",
        ),
        h("Where Initech is strong"),
        ul(
          "Engineering workflows (version control, tests, notebooks). Never criticise them to a data engineer; position Northwind as the layer business users touch.",
        ),
        h("Trap to avoid"),
        p(
          "Do not frame this as Northwind versus Initech in front of the data team. Frame it as Initech for building, Northwind for using. Most of our Initech accounts keep both.",
        ),
        stats(
          ["60%+", "monthly bill swings reported on Initech credits"],
          ["3x", "more weekly active users after adding Northwind (Cobalt Ledger)"],
        ),
        quote(
          "Our engineers kept Initech. Our account managers finally stopped emailing them for numbers.",
          "Marcus Lee, Head of Data, Cobalt Ledger",
        ),
      ],
    },
  },
  {
    externalId: "og-price-en",
    title: 'Objection guide: "It\'s too expensive"',
    summary:
      "Talk track for price objections: uncover the real comparison, reframe on cost per decision and three-year TCO, and trade discounts only for commitments.",
    type: "objection_guide",
    language: "en",
    stages: ["proposal", "negotiation"],
    personas: ["finance", "procurement", "executive"],
    industries: [],
    competitors: [],
    objections: ["price"],
    tags: ["pricing", "negotiation", "TCO"],
    content: {
      format: "docx",
      subtitle: "Objection handling | Proposal and negotiation stages | For AEs and deal desk",
      blocks: [
        h("What the buyer usually means"),
        p(
          '"Too expensive" is rarely about the number itself. In our win/loss interviews it meant one of four things: the buyer is comparing us with the wrong alternative (usually the cost of doing nothing), the value case has not reached the person who signs, the budget was set before the project was scoped, or procurement is doing its job and testing whether there is room.',
        ),
        h("Step 1: Ask, do not defend"),
        ul(
          '"Too expensive compared with what?" Let them name the alternative: a competitor, an internal build, or staying as they are.',
          '"If price were not the issue, would Northwind be your choice?" If the answer is no, price is not the real objection.',
          '"What budget was set for this, and when was it set?"',
        ),
        h("Step 2: Reframe on cost per decision"),
        p(
          "Our median customer runs 2,100 people on dashboards. At list price that is under $9 per person per month, less than one hour of an analyst's time. Harbor Steel avoided $4.2M of unplanned downtime in year one against a $310,000 subscription.",
        ),
        h("Step 3: Build the three-year picture with finance"),
        ul(
          "Licences avoided: viewers are free on Northwind; on Acme they cost around $70 per month each.",
          "Services avoided: six-week onboarding versus six to nine months of partner time.",
          "Hours returned: Bluewater's finance team saved 1,900 hours a year on month-end reporting.",
        ),
        h("Step 4: Trade, never give"),
        p(
          "Every concession must buy something: a multi-year term, an earlier signature, a case study, or a larger capacity tier. Discounts above 15 percent need deal-desk approval and a mutual action plan with a named executive sponsor.",
        ),
        quote(
          "The number that changed our CFO's mind was not the discount. It was 1,900 hours a year given back to the close.",
          "Tom Okafor, Controller, Bluewater Credit Union",
        ),
      ],
    },
  },
  {
    externalId: "og-security-en",
    title: "Objection guide: security, compliance and data residency",
    summary:
      "Answers for CISOs and IT: SOC 2 Type II, ISO 27001, ISMAP, GDPR, encryption with customer-managed keys, row-level security and where data is stored.",
    type: "objection_guide",
    language: "en",
    stages: ["demo", "proposal"],
    personas: ["it", "executive"],
    industries: ["financial_services", "healthcare"],
    competitors: [],
    objections: ["security"],
    tags: ["security", "SOC 2", "GDPR", "HIPAA"],
    content: {
      format: "pdf",
      subtitle:
        "Objection handling | For account executives and solution engineers | Security review edition",
      blocks: [
        stats(
          ["SOC 2", "Type II, renewed every year"],
          ["ISO 27001", "and ISO 27017 certified"],
          ["ISMAP", "registered cloud service"],
        ),
        h("Why security comes up late, and how to bring it forward"),
        p(
          "Security reviews are the most common reason a Northwind deal slips a quarter. The questionnaire usually arrives after the business has chosen us, and a 300-question spreadsheet lands on a solution engineer's desk two weeks before quarter end. The fix is simple: ask in the first discovery call who owns vendor risk, and send the Trust Center pack before the demo, not after the proposal.",
        ),
        p(
          "Most objections fall into five groups: where the data lives, who can see it, how it is protected, what happens when something goes wrong, and which certificates prove all of the above. The sections below give the short answer for each and the document that backs it up.",
        ),
        h('"Where is our data stored?"'),
        p(
          "Customers choose the region at signup: US (Oregon, Virginia), EU (Frankfurt, Dublin) or Japan (Tokyo, with disaster recovery in Osaka). Data and backups never leave the chosen region. Northwind connects to the customer's warehouse and, by default, caches only aggregated query results for up to 24 hours; customers can turn caching off entirely.",
        ),
        h('"Who at Northwind can see our data?"'),
        p(
          "Nobody by default. Support engineers have no standing access to customer workspaces. Access for a support case needs a time-boxed grant approved by the customer's administrator in the admin console, and every action taken under that grant is written to the customer's audit log.",
        ),
        h('"How is it protected?"'),
        ul(
          "Encryption in transit with TLS 1.2 or later and at rest with AES-256; customer-managed keys in AWS KMS on the Enterprise plan.",
          "Single sign-on with SAML 2.0 or OIDC, user provisioning with SCIM, and enforced MFA for local accounts.",
          "Row-level and column-level security defined once in the Metrics Hub and applied to every query, export, alert and Ask Northwind answer.",
          "Annual third-party penetration test; the executive summary is shared under NDA.",
        ),
        h('"What about GDPR, HIPAA and financial regulators?"'),
        p(
          "Northwind signs a GDPR data processing agreement with standard contractual clauses, and a HIPAA business associate agreement for healthcare customers on the Enterprise plan. St. Aldric Health Network passed its HIPAA audit with Northwind in scope in 2024. For banks and credit unions we provide an outsourcing register entry and support on-site or remote audits once a year.",
        ),
        h('"What if something goes wrong?"'),
        p(
          "Incidents are reported to affected customers within 48 hours of confirmation, or faster where the law requires it. Uptime over the last twelve months was 99.96 percent against a 99.9 percent SLA, with service credits written into the contract. The status page and the incident history are public.",
        ),
        quote(
          "Their security pack answered 280 of our 300 questions before we asked them. The review took nine days instead of nine weeks.",
          "Elena Marsh, CISO, St. Aldric Health Network",
        ),
        h("What to send, and when"),
        ul(
          "Discovery: the one-page security overview and the Trust Center link.",
          "Before the technical demo: SOC 2 Type II report and ISO certificates under NDA.",
          "During review: the completed CAIQ and SIG Lite questionnaires, the penetration-test summary and the DPA.",
          "Escalations: book the security engineering office hours (Tuesdays and Thursdays) rather than answering architecture questions by email.",
        ),
      ],
    },
  },
  {
    externalId: "og-integration-en",
    title: 'Objection guide: "Will it integrate with our stack?"',
    summary:
      "Integration objections answered: 220 native connectors including Salesforce, SAP S/4HANA, NetSuite, Snowflake and BigQuery; REST API, embedding and SSO.",
    type: "objection_guide",
    language: "en",
    stages: ["discovery", "demo"],
    personas: ["it"],
    industries: ["manufacturing", "retail", "software"],
    competitors: [],
    objections: ["integration"],
    tags: ["integration", "connectors", "API", "Salesforce", "SAP"],
    content: {
      format: "docx",
      subtitle: "Objection handling | For account executives and solution engineers",
      blocks: [
        h("The short answer"),
        p(
          "Northwind ships 220 native connectors, maintained by our own integrations team, and reads directly from the customer's warehouse. In 2024, 94 percent of new customers connected every source they had named in discovery within the first two weeks of onboarding.",
        ),
        h("The systems buyers ask about most"),
        ul(
          "CRM: Salesforce (including custom objects and field history), HubSpot, Microsoft Dynamics 365.",
          "ERP: SAP S/4HANA and ECC through the certified SAP connector, Oracle NetSuite, Microsoft Dynamics 365 Finance.",
          "Warehouses: Snowflake, Google BigQuery, Amazon Redshift, Databricks, PostgreSQL; Initech and dbt models are read as-is.",
          "Japan: kintone, freee, Money Forward and the OBIC7 export format.",
        ),
        h("When a source is not on the list"),
        p(
          "Offer the REST ingestion API and the generic JDBC connector first. If neither fits, the integrations team scopes a custom connector within five working days; a custom connector that three or more customers need becomes a native one at no charge.",
        ),
        h("Questions that uncover the real concern"),
        ul(
          '"Which system would you be most worried about, and why?" Often one legacy system hides behind a general worry.',
          '"Who maintains the integrations today, and how much of their week goes on it?"',
          '"Do you want Northwind inside another application, such as your customer portal?" If yes, show embedded analytics with single sign-on.',
        ),
        quote(
          "SAP was the system everyone was afraid of. It was live on day nine.",
          "Kevin Brandt, IT Director, Harbor Steel",
        ),
      ],
    },
  },
  {
    externalId: "og-timing-en",
    title: 'Objection guide: "Not now, maybe next quarter"',
    summary:
      "How to handle timing objections: quantify the cost of waiting, find the compelling event and agree a mutual action plan instead of a follow-up call.",
    type: "objection_guide",
    language: "en",
    stages: ["proposal", "closing"],
    personas: ["executive", "finance", "sales_leader"],
    industries: [],
    competitors: [],
    objections: ["timing"],
    tags: ["timing", "urgency", "mutual action plan"],
    content: {
      format: "md",
      subtitle: "Objection handling | Late-stage deals",
      blocks: [
        h('What "next quarter" usually means'),
        p(
          "The buyer believes the project is good but not urgent. Our job is not to invent urgency; it is to make the cost of waiting visible and to tie the project to an event the buyer already cares about: a budget cycle, a board meeting, a system going out of support, a new CFO.",
        ),
        h("Quantify the cost of waiting"),
        ul(
          "Month-end close: if finance spends 9 days on reporting, each month of delay costs about 120 analyst hours.",
          "Renewals: an Acme renewal signed in June locks in another year of per-seat fees.",
          "Downtime and stock-outs: Harbor Steel estimated $350,000 of unplanned downtime per month before Northwind.",
        ),
        h("Find the compelling event"),
        ul(
          '"What happens if nothing changes by the end of the year?"',
          '"When is the next board or budget review, and what will you show?"',
          '"Is anything else competing for the same team in the next two quarters?"',
        ),
        h("Agree the next step in writing"),
        p(
          'Replace "let\'s reconnect next quarter" with a mutual action plan: the decision date, the people who must say yes, and what each side delivers before then. Use the mutual action plan template in the library.',
        ),
      ],
    },
  },
  {
    externalId: "og-switching-cost-en",
    title: "Objection guide: switching cost and migration risk",
    summary:
      "Answering 'we have invested too much in our current tool': the 30-day parallel run, automated report migration and what customers actually spent to switch.",
    type: "objection_guide",
    language: "en",
    stages: ["proposal", "negotiation"],
    personas: ["it", "finance", "executive"],
    industries: [],
    competitors: ["acme", "globex"],
    objections: ["switching_cost"],
    tags: ["migration", "switching", "parallel run"],
    content: {
      format: "pdf",
      subtitle: "Objection handling | Replacing an incumbent BI tool",
      blocks: [
        h("The objection"),
        p(
          '"We have ten years of reports in our current tool, a team trained on it and a contract that runs until next spring. Switching would cost more than it saves." This is the most rational objection we hear, and it deserves numbers rather than enthusiasm.',
        ),
        p(
          "Buyers overestimate switching cost for two reasons. First, they count every report they own, not the reports anyone opens: across our last 40 migrations, 62 percent of legacy reports had not been viewed in the previous 90 days. Second, they picture a big-bang cutover, which is not how we migrate.",
        ),
        h("What switching actually cost our customers"),
        stats(
          ["11 weeks", "median migration from Acme BI Suite"],
          ["62%", "of legacy reports unused for 90 days"],
          ["0", "days of reporting downtime in a parallel run"],
        ),
        p(
          "Harbor Steel moved 340 cube reports from Acme in one quarter with a team of two analysts and one Northwind solution architect. Lumen & Co. retired 180 Globex workbooks, replaced them with 24 governed dashboards and closed the project two weeks early.",
        ),
        h("How we take the risk out"),
        ul(
          "Usage audit: our migration assistant reads the incumbent's usage logs and lists which reports matter. Customers migrate those first and archive the rest.",
          "Automated translation: report definitions from Acme, Globex and Initech are converted into Metrics Hub metrics, with a reconciliation report that flags any number that differs.",
          "30-day parallel run: both systems run side by side, and the old one is switched off only when finance signs off that the numbers match.",
          "Contract bridging: when the incumbent contract runs for another six months or less, we start the Northwind subscription on its end date and onboard in the meantime at no charge.",
        ),
        h("Talk track"),
        p(
          "\"You're right that the reports matter. Let's find out which ones. If you share read access to your usage logs, we will come back in a week with the list of reports people actually use, a migration plan for them, and the cost of running both tools in parallel. If the numbers don't work, you'll still have a useful clean-up list.\"",
        ),
        quote(
          "We thought we had 1,100 reports to move. We had 140 that people used.",
          "Sandra Ortiz, BI Manager, Lumen & Co.",
        ),
      ],
    },
  },
];
