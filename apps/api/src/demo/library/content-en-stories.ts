import { type DemoAsset, h, p, quote, stats, ul } from "./demo-asset";

/** English case studies, one-pagers, decks, the whitepaper, videos and templates. */
export const englishStories: DemoAsset[] = [
  {
    externalId: "cs-harbor-steel",
    title: "Harbor Steel cuts unplanned downtime by 31% with Northwind",
    summary:
      "A four-mill steel producer replaced Acme cube reports with live maintenance dashboards on SAP and sensor data: 31% less unplanned downtime and $4.2M saved in year one.",
    type: "case_study",
    language: "en",
    stages: ["discovery", "proposal"],
    personas: ["executive", "it", "finance"],
    industries: ["manufacturing"],
    competitors: ["acme"],
    objections: ["switching_cost", "integration"],
    tags: ["case study", "SAP", "predictive maintenance", "downtime"],
    content: {
      format: "pdf",
      subtitle: "Customer story | Manufacturing | Harbor Steel, Cleveland, Ohio | 4 mills, 3,800 employees",
      blocks: [
        stats(
          ["31%", "less unplanned downtime"],
          ["$4.2M", "saved in the first year"],
          ["6 weeks", "from contract to first live dashboard"],
        ),
        h("The challenge"),
        p(
          "Harbor Steel runs four rolling mills in Ohio and Indiana. Every Monday, maintenance planners exported sensor readings and SAP work orders into spreadsheets, and by the time the weekly reliability report reached the plant managers it described a week that was already over. Unplanned stops on the hot-strip mill cost about $18,000 an hour.",
        ),
        p(
          "The company had run Acme BI Suite for eleven years. Its 340 cube-based reports refreshed overnight, took a specialist to change, and could not combine the SAP maintenance module with the vibration and temperature data streaming from 1,200 sensors on the mill floor. An upgrade to Acme 12 was quoted at seven months of partner time.",
        ),
        h("Why Northwind"),
        p(
          "Harbor Steel evaluated Acme's upgrade, Globex and Northwind. Northwind was the only platform that could join live sensor data in Snowflake with SAP work orders without building a new extract, and the only vendor that offered a 30-day parallel run so that the reliability team never lost its existing reports during the move.",
        ),
        ul(
          "Certified SAP S/4HANA connector: work orders, equipment master and spare-parts stock live on day nine.",
          "Metrics Hub: one definition of 'unplanned downtime' shared by maintenance, finance and the plant managers.",
          "Alerts: planners are notified when a bearing's vibration trend crosses its threshold, hours before a stop.",
        ),
        h("The results"),
        p(
          "Within six weeks the reliability team had its first live dashboard; within one quarter all 340 Acme reports had been reviewed, 96 had been rebuilt as Northwind dashboards and the rest archived. In the first year unplanned downtime on the four mills fell by 31 percent, avoiding an estimated $4.2 million of lost production, against an annual subscription of $310,000.",
        ),
        p(
          "Finance now closes the maintenance cost report on the second working day instead of the ninth, and the plant managers' Monday meeting starts from the same numbers the CFO sees.",
        ),
        quote(
          "We ran Acme for eleven years. Northwind replaced 340 cube reports in one quarter, and nobody asked for them back.",
          "Dana Whitfield, VP Operations, Harbor Steel",
        ),
        h("What's next"),
        p(
          "Harbor Steel is extending Northwind to its procurement team to track supplier lead times against spare-parts stock, and piloting Ask Northwind so that shift supervisors can ask questions about their own line in plain English from a tablet on the mill floor.",
        ),
      ],
    },
  },
  {
    externalId: "cs-bluewater-cu",
    title: "Bluewater Credit Union closes the month in 4 days instead of 9",
    summary:
      "A $6B credit union consolidated 400 Globex workbooks into governed metrics: month-end close from 9 to 4 days, 1,900 finance hours a year returned, regulator-ready audit trail.",
    type: "case_study",
    language: "en",
    stages: ["proposal", "negotiation"],
    personas: ["finance", "it"],
    industries: ["financial_services"],
    competitors: ["globex"],
    objections: ["security", "price"],
    tags: ["case study", "month-end close", "credit union", "governance"],
    content: {
      format: "pdf",
      subtitle:
        "Customer story | Financial services | Bluewater Credit Union, Portland, Oregon | $6.1B in assets",
      blocks: [
        stats(
          ["9 to 4", "days to close the month"],
          ["1,900", "finance hours returned per year"],
          ["400+", "workbooks consolidated into 31 dashboards"],
        ),
        h("The challenge"),
        p(
          "Bluewater Credit Union serves 410,000 members across Oregon and Washington. Its analytics had grown bottom-up: branch operations, lending and finance each bought Globex licences, and after four years the credit union had more than 400 workbooks, six definitions of 'active member' and no reliable way to show an examiner where a number came from.",
        ),
        p(
          "Month-end close took nine working days, three of which the finance team spent reconciling numbers between workbooks. When the National Credit Union Administration asked for the lineage of the delinquency ratio, it took two analysts a week to answer.",
        ),
        h("Why Northwind"),
        ul(
          "The Metrics Hub gave finance ownership of 120 core definitions, from net interest margin to 60-day delinquency, reused by every dashboard.",
          "Row-level security by branch and region replaced the habit of emailing filtered workbooks.",
          "Every metric shows its lineage back to the core banking tables, which is exactly what examiners ask for.",
          "SOC 2 Type II, an outsourcing register entry and an annual audit right satisfied the credit union's vendor-risk committee in three weeks.",
        ),
        h("The results"),
        p(
          "Bluewater went live in seven weeks and switched off Globex after a 30-day parallel run. Month-end close fell from nine days to four. The finance team estimates it has returned 1,900 hours a year, which it now spends on member-profitability analysis rather than reconciliation. The most recent examination asked for lineage on eleven metrics; the team answered the same afternoon.",
        ),
        quote(
          "The number that changed our CFO's mind was not the discount. It was 1,900 hours a year given back to the close.",
          "Tom Okafor, Controller, Bluewater Credit Union",
        ),
        quote(
          "Globex got us started. Northwind got finance and sales to agree on what a customer is.",
          "Priya Raman, Director of Analytics, Bluewater Credit Union",
        ),
      ],
    },
  },
  {
    externalId: "cs-st-aldric",
    title: "St. Aldric Health Network: bed occupancy visible in real time across 9 hospitals",
    summary:
      "A nine-hospital network replaced nightly reports with live occupancy and discharge dashboards under a HIPAA BAA: ED boarding time down 22%, security review passed in 9 days.",
    type: "case_study",
    language: "en",
    stages: ["discovery", "demo"],
    personas: ["executive", "it"],
    industries: ["healthcare"],
    competitors: [],
    objections: ["security"],
    tags: ["case study", "HIPAA", "hospital operations"],
    content: {
      format: "docx",
      subtitle:
        "Customer story | Healthcare | St. Aldric Health Network, Minneapolis | 9 hospitals, 2,600 beds",
      blocks: [
        stats(
          ["22%", "shorter emergency-department boarding time"],
          ["9 days", "security review, against 9 weeks planned"],
          ["2,600", "beds visible live"],
        ),
        h("The challenge"),
        p(
          "Bed managers at St. Aldric's nine hospitals worked from a census report printed at 6 a.m. By mid-morning it was wrong, and patients waited in the emergency department for beds that had already been freed upstairs. Discharge data lived in Epic, staffing in Kronos and transport requests in a third system.",
        ),
        h("The approach"),
        p(
          "Northwind connected to the network's Epic Clarity replica and its staffing data in Snowflake. Because patient data was in scope, the project started with the security review, not after it: St. Aldric's team received the SOC 2 Type II report, the penetration-test summary and a signed HIPAA business associate agreement in the first week.",
        ),
        ul(
          "Live occupancy, pending discharges and predicted admissions per unit, refreshed every five minutes.",
          "Column-level security hides patient identifiers from everyone but the bed-management team.",
          "Alerts to house supervisors when a unit will reach 95 percent occupancy within four hours.",
        ),
        h("The results"),
        p(
          "Within four months, the average time an admitted patient waited in the emergency department for a bed fell by 22 percent. Discharge-before-noon rose from 18 to 31 percent across the network, and the 6 a.m. printed census was retired.",
        ),
        quote(
          "Their security pack answered 280 of our 300 questions before we asked them. The review took nine days instead of nine weeks.",
          "Elena Marsh, CISO, St. Aldric Health Network",
        ),
      ],
    },
  },
  {
    externalId: "cs-lumen-co",
    title: "Lumen & Co. puts dashboards in the hands of 2,000 store managers",
    summary:
      "A 240-store apparel retailer replaced 180 Globex workbooks with 24 governed dashboards for every store manager at no extra licence cost; stock-outs down 18%, markdowns down 9%.",
    type: "case_study",
    language: "en",
    stages: ["demo", "proposal"],
    personas: ["executive", "sales_leader", "marketing"],
    industries: ["retail"],
    competitors: ["globex"],
    objections: ["price", "switching_cost"],
    tags: ["case study", "retail", "store operations", "unlimited viewers"],
    content: {
      format: "pdf",
      subtitle: "Customer story | Retail | Lumen & Co., Chicago | 240 stores, 9,500 employees",
      blocks: [
        stats(
          ["2,000", "store managers on live dashboards"],
          ["18%", "fewer stock-outs on top sellers"],
          ["9%", "lower end-of-season markdowns"],
        ),
        h("The challenge"),
        p(
          "Lumen & Co. sells mid-priced apparel and homeware through 240 stores and a fast-growing online shop. Its merchandising team of 25 analysts used Globex, but store managers, the people who decide what goes on the shelf every morning, received a PDF by email every Monday. Giving all 2,000 of them Globex access would have cost more than the merchandising team's entire software budget.",
        ),
        p(
          "Meanwhile, the 180 workbooks built over three years disagreed with each other. Two dashboards showed 'sell-through' calculated on units and on value, and the regional directors had stopped trusting either.",
        ),
        h("Why Northwind"),
        p(
          "Northwind's capacity-based pricing meant that every store manager could have a live dashboard without a per-seat fee. The Metrics Hub settled the sell-through argument once: the merchandising team defined it, and every dashboard, from head office to the store tablet, inherits that definition.",
        ),
        ul(
          "Mobile store dashboard: today's sales, stock cover and top-ten sellers at risk of running out.",
          "Alerts when a best seller's stock cover drops below four days.",
          "Ask Northwind for regional directors: 'Which stores sold most of the linen range last week?'",
        ),
        h("How they rolled it out"),
        p(
          "The project ran in three waves over ten weeks. In the first, the merchandising team agreed 40 core metrics in two workshops chaired by the finance director, from sell-through and stock cover to gross margin after markdowns. In the second, Northwind's migration assistant read three months of Globex usage logs: of the 180 workbooks, only 31 had been opened by more than five people, and those became the blueprint for 24 new dashboards.",
        ),
        p(
          "The third wave was the store rollout. Twenty pilot stores in the Chicago region used the mobile dashboard for three weeks while the regional director collected feedback every Friday; the top request, a view of tomorrow's deliveries next to today's stock, was added before the national launch. Store managers sign in with their existing Microsoft accounts, and row-level security means each one sees their own store and region only.",
        ),
        ul(
          "Weeks 1-3: metric workshops and Metrics Hub definitions.",
          "Weeks 4-6: usage audit, dashboard build and reconciliation against Globex.",
          "Weeks 7-10: 20-store pilot, then all 240 stores; Globex switched off after a 30-day parallel run.",
        ),
        h("The results"),
        p(
          "Stock-outs on the top 200 products fell by 18 percent in the first season and end-of-season markdowns by 9 percent, worth $3.1 million in margin. The migration retired 180 workbooks in favour of 24 dashboards and finished two weeks ahead of plan.",
        ),
        quote(
          "We thought we had 1,100 reports to move. We had 140 that people used.",
          "Sandra Ortiz, BI Manager, Lumen & Co.",
        ),
        quote(
          "My store managers stopped waiting for Monday's PDF. They look at the shelf and the numbers at the same time.",
          "Jordan Blake, VP Stores, Lumen & Co.",
        ),
      ],
    },
  },
  {
    externalId: "cs-cobalt-ledger",
    title: "Cobalt Ledger triples weekly active analytics users alongside Initech",
    summary:
      "DRAFT awaiting customer approval: a B2B accounting SaaS kept Initech for engineering and added Northwind for customer success and sales; 3x weekly active users, churn flagged 45 days earlier.",
    type: "case_study",
    language: "en",
    stages: ["discovery", "demo"],
    personas: ["sales_leader", "it"],
    industries: ["software"],
    competitors: ["initech"],
    objections: ["integration", "price"],
    tags: ["case study", "SaaS", "churn", "customer success"],
    status: "draft",
    content: {
      format: "docx",
      subtitle:
        "Customer story (draft, pending approval by Cobalt Ledger's legal team) | Software | 600 employees",
      blocks: [
        stats(
          ["3x", "more weekly active analytics users"],
          ["45 days", "earlier warning of at-risk accounts"],
          ["0", "Initech models rewritten"],
        ),
        h("The challenge"),
        p(
          "Cobalt Ledger sells accounting software to 14,000 small businesses. Its data team of eight built an excellent Initech DataWorks platform, but customer success managers and account executives could not use it without writing SQL, and the team's backlog of 'quick number requests' had reached 230 tickets.",
        ),
        h("The approach"),
        p(
          "Northwind read Cobalt Ledger's existing Initech and dbt models directly. The data team exposed 60 of them as governed metrics in the Metrics Hub; customer success got an account-health dashboard and an alert when product usage for an account drops for two consecutive weeks.",
        ),
        h("The results"),
        p(
          "Weekly active users of analytics tripled, from 70 to 214, in one quarter. At-risk accounts are now flagged on average 45 days before renewal, and the data team's ticket backlog fell from 230 to 35.",
        ),
        quote(
          "Our engineers kept Initech. Our account managers finally stopped emailing them for numbers.",
          "Marcus Lee, Head of Data, Cobalt Ledger",
        ),
      ],
    },
  },
  {
    externalId: "op-platform-overview",
    title: "Northwind Analytics platform overview",
    summary:
      "One page on what Northwind does: 220 connectors, the Metrics Hub semantic layer, live dashboards, alerts and Ask Northwind, with security and pricing at a glance.",
    type: "one_pager",
    language: "en",
    stages: ["prospecting", "discovery"],
    personas: ["executive", "it", "finance", "marketing"],
    industries: [],
    competitors: [],
    objections: [],
    tags: ["overview", "product", "first meeting"],
    content: {
      format: "pdf",
      subtitle: "One-pager | The governed analytics platform for the whole company",
      blocks: [
        p(
          "Northwind Analytics connects to the systems a company already runs, defines its business metrics once, and puts live, trustworthy numbers in front of everyone who makes decisions: from the CFO to the store manager.",
        ),
        h("What it does"),
        ul(
          "Connect: 220 native connectors (Salesforce, SAP, NetSuite, Snowflake, BigQuery, kintone) and a REST ingestion API.",
          "Define: the Metrics Hub, a semantic layer where finance, sales and operations agree on revenue, margin and churn once.",
          "Explore: live dashboards on desktop and mobile, with row-level security applied to every query.",
          "Act: alerts on thresholds and trends, scheduled briefings, and Ask Northwind for questions in plain English or Japanese.",
        ),
        stats(
          ["6 weeks", "median time to first dashboard"],
          ["220", "native connectors"],
          ["99.96%", "uptime, last 12 months"],
        ),
        h("Security and pricing at a glance"),
        p(
          "SOC 2 Type II, ISO 27001, ISMAP; regions in the US, EU and Japan. Annual capacity-based subscription with unlimited viewers; no per-seat fees.",
        ),
      ],
    },
  },
  {
    externalId: "op-cfo-roi",
    title: "ROI at a glance: the business case for CFOs",
    summary:
      "A one-page business case for finance leaders: three-year TCO against per-seat BI, hours returned to the close, and payback under 7 months across our customer base.",
    type: "one_pager",
    language: "en",
    stages: ["proposal", "negotiation"],
    personas: ["finance", "executive", "procurement"],
    industries: [],
    competitors: ["acme"],
    objections: ["price"],
    tags: ["ROI", "TCO", "business case", "CFO"],
    content: {
      format: "docx",
      subtitle: "One-pager | For CFOs, controllers and procurement",
      blocks: [
        stats(
          ["6.8 months", "median payback period"],
          ["41%", "lower 3-year TCO than per-seat BI"],
          ["1,900", "hours returned to finance per year (Bluewater)"],
        ),
        h("Where the return comes from"),
        ul(
          "Licences: viewers are free. A 2,000-person rollout on per-seat BI costs about $1.7M a year in viewer fees alone.",
          "Services: six weeks of onboarding instead of six to nine months of partner time.",
          "Time: finance teams close faster because numbers no longer need reconciling between workbooks.",
          "Outcomes: less downtime, fewer stock-outs and earlier churn warnings, measured in our case studies.",
        ),
        h("How to build the case with your account team"),
        p(
          "Share your current licence, services and headcount figures; we return a three-year TCO model within a week, using your numbers rather than our averages, and we revisit it with you at the first quarterly business review.",
        ),
      ],
    },
  },
  {
    externalId: "op-spring-promo",
    title: "Limited-time offer: 15% off year one on three-year agreements",
    summary:
      "Quarter-end incentive for new logos: 15% off the first-year subscription on three-year agreements signed before the offer expires. Deal-desk approval not required.",
    type: "one_pager",
    language: "en",
    stages: ["negotiation", "closing"],
    personas: ["finance", "procurement"],
    industries: [],
    competitors: [],
    objections: ["price", "timing"],
    tags: ["promotion", "pricing", "quarter end"],
    expiresInDays: 10,
    content: {
      format: "pdf",
      subtitle:
        "One-pager | Commercial offer for new customers | Valid until the expiry date shown in Pitchside",
      blocks: [
        h("The offer"),
        p(
          "New customers who sign a three-year Northwind agreement before the offer expires receive 15 percent off the first-year subscription. The discount applies to the platform and capacity tiers, not to professional services.",
        ),
        ul(
          "New logos only; expansions and renewals are excluded.",
          "Cannot be combined with other discounts above 10 percent.",
          "No deal-desk approval needed: quote code Q-MULTIYEAR-15 in the order form.",
        ),
        h("How to use it"),
        p(
          "Use the offer to pull a decision forward, not as an opening move. Present it together with the mutual action plan, and only once the buyer has confirmed Northwind is the preferred choice.",
        ),
      ],
    },
  },
  {
    externalId: "deck-discovery",
    title: "First meeting deck: from questions to decisions",
    summary:
      "The standard discovery deck with talk track in the speaker notes: the cost of disagreeing numbers, how Northwind works, three customer proof points and discovery questions.",
    type: "deck",
    language: "en",
    stages: ["prospecting", "discovery"],
    personas: ["executive", "it", "finance", "sales_leader"],
    industries: [],
    competitors: [],
    objections: [],
    tags: ["deck", "discovery", "first meeting", "talk track"],
    content: {
      format: "pptx",
      subtitle: "Discovery meeting | 30 minutes | Speaker notes included",
      slides: [
        {
          title: "Every company has a 'whose number is right?' meeting",
          bullets: [
            "Finance, sales and operations report different revenue",
            "Analysts spend days reconciling instead of analysing",
            "Decisions wait for the Monday report",
          ],
          notes:
            "Open with a question, not the product: ask which meeting in their week starts with an argument about numbers. Let them tell the story; write down the names of the reports they mention.",
        },
        {
          title: "What that costs",
          bullets: [
            "9 days to close the month at Bluewater Credit Union",
            "$18,000 an hour of unplanned downtime at Harbor Steel",
            "2,000 store managers working from a weekly PDF at Lumen & Co.",
          ],
          notes:
            "Pick the proof point closest to their industry. Pause after it and ask: what does the equivalent cost you? Note the figure: it becomes the heart of the business case.",
        },
        {
          title: "How Northwind works",
          bullets: [
            "Connect 220 sources, including SAP, Salesforce and Snowflake",
            "Define each metric once in the Metrics Hub",
            "Explore live dashboards, alerts and Ask Northwind",
          ],
          notes:
            "Keep this to two minutes. If IT is in the room, mention that we query their warehouse live and cache only aggregates; security questions go to the security objection guide.",
        },
        {
          title: "Customers who made the switch",
          bullets: [
            "Harbor Steel: 31% less unplanned downtime",
            "Bluewater Credit Union: month-end close from 9 days to 4",
            "Lumen & Co.: 18% fewer stock-outs",
          ],
          notes:
            "If Acme or Globex is the incumbent, say so: Harbor Steel left Acme after eleven years; Bluewater and Lumen consolidated Globex workbooks. Offer a reference call.",
        },
        {
          title: "Questions for you",
          bullets: [
            "Which decisions wait for data today?",
            "Where do numbers disagree, and who settles it?",
            "What would change if every manager had live numbers?",
          ],
          notes:
            "Spend at least ten minutes here. Close by proposing a tailored demo with their own metrics and agree who else should attend, ideally the finance owner of the numbers.",
        },
      ],
    },
  },
  {
    externalId: "deck-exec-business-case",
    title: "Executive proposal deck: the business case for Northwind",
    summary:
      "Proposal-stage deck for the economic buyer: problem, quantified value, three-year TCO versus the incumbent, rollout plan and commercial summary, with speaker notes.",
    type: "deck",
    language: "en",
    stages: ["proposal", "negotiation"],
    personas: ["executive", "finance", "procurement"],
    industries: [],
    competitors: ["acme", "globex", "initech"],
    objections: ["price", "timing"],
    tags: ["deck", "proposal", "business case", "TCO"],
    content: {
      format: "pptx",
      subtitle: "Proposal | Executive sponsor meeting | Customise slides 2 and 4 with the buyer's figures",
      slides: [
        {
          title: "What we heard",
          bullets: [
            "Month-end close takes 9 days",
            "Three teams, three revenue numbers",
            "Dashboards reach 40 people; 1,500 need them",
          ],
          notes:
            "Replace these bullets with the buyer's own words from discovery. Executives approve what they recognise; read one quote back to them verbatim.",
        },
        {
          title: "The value we will deliver",
          bullets: [
            "Close in 4 days: 1,900 hours a year returned",
            "One definition of revenue, churn and margin",
            "Live numbers for every manager, no seat fees",
          ],
          notes:
            "Each line must map to a figure the buyer agreed in the value workshop. If a figure has not been validated by finance, leave it out rather than defend it later.",
        },
        {
          title: "Three-year cost compared",
          bullets: [
            "Northwind: capacity subscription, unlimited viewers",
            "Per-seat BI: viewer fees grow with every rollout",
            "Consumption tools: spend swings with usage",
          ],
          notes:
            "Show the TCO model from the CFO one-pager with the buyer's numbers. Expect a price objection here; use the price objection guide: ask 'compared with what?' before defending.",
        },
        {
          title: "Rollout plan",
          bullets: [
            "Weeks 1-2: connect sources, security sign-off",
            "Weeks 3-6: Metrics Hub and first dashboards",
            "Weeks 7-10: parallel run, then switch-off",
          ],
          notes:
            "Name the owners on both sides. A plan without names is a wish. Offer the 30-day parallel run to anyone worried about switching cost.",
        },
        {
          title: "Next steps",
          bullets: [
            "Agree the mutual action plan",
            "Security review and order form in parallel",
            "Kick-off date",
          ],
          notes:
            "Ask for the decision date and the signatories. If they say next quarter, use the timing objection guide to find the compelling event.",
        },
      ],
    },
  },
  {
    externalId: "wp-metrics-layer",
    title: "Whitepaper: One number, everywhere. Why analytics needs a metrics layer",
    summary:
      "A vendor-neutral whitepaper on semantic layers: why metric definitions drift across BI tools, what a governed metrics layer is, how to roll one out, and the ROI our customers measured.",
    type: "whitepaper",
    language: "en",
    stages: ["prospecting", "discovery"],
    personas: ["it", "executive", "finance"],
    industries: [],
    competitors: [],
    objections: [],
    tags: ["whitepaper", "semantic layer", "metrics layer", "data governance"],
    content: {
      format: "pdf",
      subtitle: "Whitepaper | For data leaders and finance executives | 12-minute read",
      blocks: [
        h("Executive summary"),
        p(
          "Most mid-sized and large companies now own a modern cloud warehouse, several business-intelligence tools and a growing number of analysts. Yet the most common complaint we hear from executives is unchanged since the 1990s: the numbers do not agree. Revenue in the board pack differs from revenue in the sales forecast; 'active customer' means one thing to marketing and another to finance.",
        ),
        p(
          "This paper argues that the cause is architectural, not human. When every dashboard, workbook and spreadsheet carries its own copy of a metric's logic, definitions drift. A metrics layer, sometimes called a semantic layer, moves those definitions out of the tools and into one governed place that every tool queries. We describe what a good metrics layer does, how to introduce one without stopping the business, and the results measured by organisations that have done it.",
        ),
        h("1. How definitions drift"),
        p(
          "Consider a simple metric: monthly recurring revenue. The finance team computes it from invoices, excluding one-off fees and converting currencies at the month-end rate. The sales-operations team computes it from the CRM, including signed but not yet invoiced contracts, converting at the rate on the day of signature. Both are defensible. Both are called MRR. They differ by four percent, and the difference grows every month.",
        ),
        p(
          "Now multiply by the hundreds of metrics a company uses and by the number of tools. In our review of 40 customer environments before migration, the median company had 7.5 distinct definitions of revenue in active use, and analysts spent between 20 and 35 percent of their time reconciling numbers rather than analysing them.",
        ),
        ul(
          "Definitions are copied into each workbook, so a correction in one place does not reach the others.",
          "Access rules are copied too, so a workbook shared outside its team can expose data it should not.",
          "Nobody can answer 'where does this number come from?' without reading the formula in every tool.",
        ),
        h("2. What a metrics layer is"),
        p(
          "A metrics layer is a catalogue of business definitions expressed as code and served through an interface that every consuming tool can query. It holds the measures (revenue, margin, churn), the dimensions they can be sliced by (region, product, customer segment), the relationships between tables, and the access policies that decide who may see which rows and columns.",
        ),
        p(
          "Crucially, it is not another copy of the data. The metrics layer translates a request such as 'net revenue by region for last quarter' into SQL against the warehouse, applies the policies of the person asking, and returns the answer. A dashboard, a spreadsheet, an alert and an AI assistant asking the same question receive the same number.",
        ),
        h("3. Requirements we consider essential"),
        ul(
          "Definitions as reviewable code, with version history and an owner for every metric.",
          "Live queries against the warehouse rather than nightly extracts, so numbers are current and not duplicated.",
          "Row- and column-level security enforced in the layer, not in each tool.",
          "Lineage from each metric back to its source tables, for auditors and for trust.",
          "Open interfaces (SQL, REST, spreadsheet connectors) so that existing tools can use the layer during and after migration.",
          "Support for more than one language: a sales team in Osaka should see the Japanese label of the same revenue metric that a team in Chicago sees in English.",
        ),
        h("4. Rolling it out without stopping the business"),
        p(
          "The metrics layer succeeds or fails on adoption, and adoption follows trust. We recommend starting with the ten to twenty metrics that appear in the board pack, agreeing their definitions in a short workshop chaired by finance, and publishing them before anything else. Each subsequent domain, from sales pipeline to inventory, follows the same pattern: agree, define, publish, retire the old copies.",
        ),
        p(
          "A parallel run is the single most effective risk control. For thirty days, the old reports and the new dashboards run side by side; a reconciliation report lists every number that differs and why. Old reports are switched off only when their owner signs off. Across our last 40 migrations, no customer reported a day without reporting.",
        ),
        h("5. Measured results"),
        stats(
          ["7.5 to 1", "definitions of revenue in use, before and after"],
          ["27%", "of analyst time freed from reconciliation"],
          ["6.8 months", "median payback"],
        ),
        p(
          "Harbor Steel replaced 340 cube reports in one quarter and reduced unplanned downtime by 31 percent. Bluewater Credit Union shortened its month-end close from nine days to four and answered a regulator's lineage request in an afternoon. Lumen & Co. extended live dashboards to 2,000 store managers without per-seat fees. In each case the metrics layer was not the goal; it was what made the goal reachable.",
        ),
        h("6. Questions to ask any vendor"),
        ul(
          "Where do metric definitions live, and who can change them?",
          "Is data copied out of our warehouse, and if so, how fresh is it?",
          "Are access rules enforced for every query, including exports and AI answers?",
          "Can our existing tools query the layer during the migration?",
          "Can you show lineage for a metric from the dashboard to the source table?",
        ),
        h("About Northwind Analytics"),
        p(
          "Northwind Analytics builds a governed analytics platform used by more than 1,400 companies in North America, Europe and Japan. Its Metrics Hub is the metrics layer described in this paper. Northwind is headquartered in San Francisco with offices in London and Tokyo.",
        ),
      ],
    },
  },
  {
    externalId: "video-product-demo",
    title: "Video: Northwind in 10 minutes (product demo)",
    summary:
      "A 10-minute recorded demo: connecting Salesforce and Snowflake, defining revenue in the Metrics Hub, building a dashboard and asking Ask Northwind a question.",
    type: "video",
    language: "en",
    stages: ["prospecting", "discovery", "demo"],
    personas: ["executive", "it", "marketing"],
    industries: [],
    competitors: [],
    objections: [],
    tags: ["video", "demo", "product tour"],
    content: { format: "link", url: "https://videos.northwind-analytics.example/watch/product-demo-10-min" },
  },
  {
    externalId: "video-harbor-steel-story",
    title: "Video: Harbor Steel's VP Operations on leaving Acme",
    summary:
      "A 3-minute customer video: Dana Whitfield explains why Harbor Steel left Acme after eleven years and what changed on the mill floor.",
    type: "video",
    language: "en",
    stages: ["proposal", "negotiation"],
    personas: ["executive", "it"],
    industries: ["manufacturing"],
    competitors: ["acme"],
    objections: ["switching_cost"],
    tags: ["video", "customer story", "testimonial"],
    content: {
      format: "link",
      url: "https://videos.northwind-analytics.example/watch/harbor-steel-customer-story",
    },
  },
  {
    externalId: "other-mutual-action-plan",
    title: "Mutual action plan template",
    summary:
      "A fill-in template to agree the path to signature with the buyer: milestones, owners, dates, the decision criteria and the people who must approve.",
    type: "other",
    language: "en",
    stages: ["proposal", "negotiation", "closing"],
    personas: ["executive", "procurement", "finance"],
    industries: [],
    competitors: [],
    objections: ["timing"],
    tags: ["template", "mutual action plan", "closing"],
    content: {
      format: "docx",
      subtitle: "Template | Share with the buyer after the proposal meeting",
      blocks: [
        h("Purpose"),
        p(
          "This plan lists what both teams will do, by when, to reach a decision on [date]. It is a shared document: the buyer's champion and the Northwind account executive keep it up to date together.",
        ),
        h("Decision criteria"),
        ul(
          "Business outcome the project must deliver: [e.g. close the month in 5 days]",
          "Budget owner and approved range: [name, amount]",
          "Security and legal requirements: [list]",
        ),
        h("Milestones"),
        ul(
          "Week 1: value workshop with finance; owners [buyer] and [Northwind SE]",
          "Week 2: security review pack sent; owner [Northwind AE]",
          "Week 3: technical validation on the buyer's data; owner [buyer IT lead]",
          "Week 4: commercial proposal and order form; owner [Northwind AE]",
          "Week 5: legal review and signature; owners [buyer legal, procurement]",
          "Week 6: kick-off",
        ),
        h("People who must say yes"),
        p("[Executive sponsor], [budget owner], [IT security], [procurement], [legal]."),
      ],
    },
  },
  {
    externalId: "other-discount-guardrails",
    title: "Pricing and discount guardrails (internal, draft)",
    summary:
      "DRAFT for review by finance: discount bands by deal size, what each concession must buy, and when deal-desk approval is required.",
    type: "other",
    language: "en",
    stages: ["negotiation"],
    personas: ["procurement", "finance"],
    industries: [],
    competitors: [],
    objections: ["price"],
    tags: ["internal", "pricing", "deal desk"],
    status: "draft",
    content: {
      format: "md",
      subtitle: "Internal | Sales and deal desk | Draft v0.3, not approved",
      blocks: [
        h("Discount bands"),
        ul(
          "Up to 10%: account executive's discretion.",
          "10% to 15%: regional sales director.",
          "Above 15%: deal desk, with a mutual action plan and a named executive sponsor.",
          "Above 25%: CRO and CFO.",
        ),
        h("What a concession must buy"),
        ul(
          "A multi-year term (three years preferred).",
          "Signature before quarter end.",
          "A public case study or reference call.",
          "A larger capacity tier.",
        ),
        h("Never"),
        ul(
          "Discount professional services to win the subscription.",
          "Offer free months at the start of the term.",
          "Match a competitor's per-seat price seat for seat.",
        ),
      ],
    },
  },
];
