import type { Language } from "@pitchside/shared";
import type { EvalContext } from "./contexts";

/**
 * The long-email set: messages as a rep receives them (whole threads pasted, quoted replies, Outlook and
 * Japanese reply headers, forwards, signatures with titles, LinkedIn messages), judged by what a good rep
 * would send — written before any tuning, without looking at how the code ranks. Most carry no stage or
 * title: those have to be read from the text. `language` is the language of the latest message (the one the
 * rep answers); `acceptable` lists other assets a good rep could equally send (counted for hit@3 only).
 */
export interface LongEvalContext extends EvalContext {
  language: Language;
  acceptable?: string[];
}

export const longEvalContexts: LongEvalContext[] = [
  // ——— English ———
  {
    id: "long-en-acme-shortlist",
    language: "en",
    expect: "bc-acme",
    text: `Hi Sam,

Thanks again for Thursday's session, the team liked the forecast workspace a lot. Quick update from our side: we've narrowed the shortlist to two, you and Acme. Acme's rep was in on Monday and made a big deal of their connector catalogue ("300+ sources out of the box"), and a couple of people here came away thinking that settles it.

Before our steering group meets on the 19th, could you help me explain where you're actually different? I'd rather go in with something concrete than a feature checklist.

Best regards,
Priya Raman
Director, Information Technology
Halvorsen Foods | +1 612 555 0148

On Fri, 13 Nov 2026 at 16:40, Sam Carter <sam.carter@northwind.example> wrote:
> Hi Priya,
>
> Great to see everyone yesterday. As promised, a recap:
> - pricing is per workspace, not per seat; I'll send the proposal once we agree the scope
> - our security pack (SOC 2 Type II, pen test summary) is available under NDA
> - next step: a working session with your data team
>
> Best,
> Sam`,
  },
  {
    id: "long-en-price-outlook",
    language: "en",
    expect: "og-price",
    acceptable: ["op-roi"],
    text: `Sam,

I've now had a chance to go through the proposal with our finance committee. I'll be direct: the annual figure is roughly 40% above what we had set aside for this, and the committee's first reaction was that we could get most of the way there with what we already pay for. I'm not saying no, but I can't take it back to them at this number without a much stronger justification.

Can we get on a call this week?

Marcus Lindqvist
VP Finance
Arden Logistics AB

From: Sam Carter <sam.carter@northwind.example>
Sent: Tuesday, November 17, 2026 9:12 AM
To: Marcus Lindqvist <m.lindqvist@ardenlogistics.example>
Cc: Elena Park <elena.park@northwind.example>
Subject: Northwind proposal - Arden Logistics

Hi Marcus,

Attached is our proposal for the three-year subscription including implementation services. I've also included a note on how we handle the security review and SSO set-up, since your IT team asked about it.

Kind regards,
Sam`,
  },
  {
    id: "long-en-controller-close",
    language: "en",
    expect: "cs-finserv",
    text: `Hello Sam,

Our CFO passed your note along to me. Some context: we're a mid-sized credit union, and our month-end close currently takes about eight working days, mostly because the branch and loan-servicing numbers live in separate spreadsheets that three people reconcile by hand. Leadership wants it down to five by Q2.

Have you done this for anyone like us? I'd like to see how another institution approached it before we spend time on a demo.

Thanks,
Grace Oyelaran
Controller
Brightline Credit Union
grace.oyelaran@brightlinecu.example`,
  },
  {
    id: "long-en-cio-forward-security",
    language: "en",
    expect: "og-security",
    text: `Sam - see below from our InfoSec lead. Can you address these before Thursday's call? We can't move to a pilot until they're comfortable.

Thanks,
Daniel

Daniel Okafor
Chief Information Officer
Meridian Mutual

---------- Forwarded message ---------
From: Rachel Tan <rachel.tan@meridianmutual.example>
Date: Mon, 23 Nov 2026 at 08:31
Subject: Northwind - questions before pilot
To: Daniel Okafor <daniel.okafor@meridianmutual.example>

Daniel,

Before we connect any production data I need the following from the vendor:
1. Current SOC 2 Type II report and bridge letter
2. Where customer data is stored and whether we can pin it to the EU
3. SAML SSO with our IdP and SCIM provisioning
4. Encryption at rest and key management
5. Their incident notification timeline

Rachel`,
  },
  {
    id: "long-en-globex-renewal",
    language: "en",
    expect: "bc-globex",
    text: `Hi Sam,

Slight wrinkle. Our Globex account manager heard we were evaluating and has offered to include their analytics module at no extra cost if we sign the CRM renewal early. Our CRO is tempted — "free" is hard to argue with. I personally think the module is pretty limited, but I need better arguments than my gut.

What do you usually tell people in this situation?

Cheers,
Tom Becker
Head of Revenue Operations, Quintel Software

On Tue, 3 Nov 2026 at 10:02, Sam Carter <sam.carter@northwind.example> wrote:
> Hi Tom,
> Thanks for the time today. Attaching the deck we walked through and the
> short product tour video for your CRO.
> Sam`,
  },
  {
    id: "long-en-initech-coo",
    language: "en",
    expect: "bc-initech",
    text: `Sam,

Following up on our conversation at the conference. We've been on Initech for nine years and the appliance is due for a hardware refresh next spring — that's the trigger for looking around at all. My concern is the same one our IT director raised: what happens to everything we've built on it, and is a cloud platform really going to be cheaper over five years once you count everything?

If you have a straightforward comparison I can share with the leadership team, please send it.

Regards,
Helen Marsh
Chief Operating Officer
Corrigan Industrial Supply`,
  },
  {
    id: "long-en-budget-freeze",
    language: "en",
    expect: "og-timing",
    text: `Hi Sam,

Sorry for the slow reply. I have some news I was hoping not to share: the company has put a freeze on all new software commitments until the new fiscal year starts in April. It's not about you — everything discretionary is on hold. Realistically, this isn't going to happen before Q2, and my VP would rather revisit it then than push now.

I'd still like to keep the conversation warm. What do you suggest?

Best,
Alicia Gomez
Senior Manager, Sales Operations
Tidewater Brands

-----Original Message-----
From: Sam Carter <sam.carter@northwind.example>
Sent: Monday, November 30, 2026 2:15 PM
To: Alicia Gomez
Subject: RE: Next steps

Hi Alicia, just checking in on the proposal — any questions I can answer?`,
  },
  {
    id: "long-en-migration-bi",
    language: "en",
    expect: "og-switching",
    text: `Hi Sam,

The demo landed well with the analysts. The pushback I'm getting now is from the people who'd have to do the work: we have about six years of reports and 400-odd dashboards in the current tool, plenty of them with logic nobody fully remembers. They're worried about a long, messy cutover during our busy season and having two systems to maintain for months.

How do your customers usually handle the move, and how long does it actually take?

Thanks,
Owen

Owen Price | Analytics Manager | Keswick Outdoor
owen.price@keswick.example | +44 20 7946 0321`,
  },
  {
    id: "long-en-linkedin-cmo",
    language: "en",
    expect: "op-attribution",
    acceptable: ["deck-marketing"],
    text: `Dana Whitfield · Chief Marketing Officer at Lumen Apparel
2:14 PM

Hi Sam, thanks for connecting. Saw your post on marketing analytics. Honest question: we spend a lot across paid social, events and partner programs and still can't say which of them actually produce pipeline. Is that something Northwind solves, or is it more of a finance tool? Happy to look at something short.`,
  },
  {
    id: "long-en-linkedin-vp-sales",
    language: "en",
    expect: "cs-software",
    text: `Marco Bellini · VP Sales, EMEA at Cobaltline (software)

Hi Sam — a friend at Proseware mentioned you. We've grown from 80 to 260 reps in two years and our Monday forecast call has become a spreadsheet argument. Every region rolls up differently. Do you have an example of another software company our size that fixed this? Not looking for a demo yet, just want to read something first.`,
  },
  {
    id: "long-en-ceo-board",
    language: "en",
    expect: "deck-exec",
    text: `Sam,

Our CEO asked me this morning for "the short version" of what we'd get from Northwind — she's presenting the digital priorities to the board on the 9th and wants one slide's worth of why this matters to the business, not how it works. She won't read a technical document.

Anything you can send by Friday would help.

Thanks,
Naomi

Naomi Adler
Chief of Staff to the CEO
Westbrook Group

> On 24 Nov 2026, at 11:05, Sam Carter <sam.carter@northwind.example> wrote:
>
> Naomi, attached the architecture overview your IT team requested and our
> data processing addendum. Let me know if anything else is needed.`,
  },
  {
    id: "long-en-architect-outlook",
    language: "en",
    expect: "op-architecture",
    text: `Hi Sam,

Thanks for the proposal. Before we can sign off on the design I need something our architecture review board can look at: how tenancy works (are we on shared infrastructure?), where the data flows between our Snowflake account and your service, which region we'd be hosted in, and how admin roles are separated. A diagram would be ideal.

Regards,
Kenji Watanabe
Enterprise Architect
Holloway Insurance Group

________________________________
From: Sam Carter <sam.carter@northwind.example>
Sent: Wednesday, November 25, 2026 4:48 PM
To: Kenji Watanabe <kenji.watanabe@holloway.example>
Subject: Proposal and pricing for Holloway

Kenji, please find attached our proposal and pricing sheet. The discount we discussed is valid until 15 December.
Sam`,
  },
  {
    id: "long-en-procurement-original",
    language: "en",
    expect: "procurement-faq",
    text: `Hello Sam,

I've been assigned as the procurement contact for the Northwind agreement. To set you up as a vendor I'll need your W-9, a certificate of insurance naming us as additional insured, and your standard MSA in Word so legal can redline it. Please also confirm whether you accept net 60 payment terms; that's our standard.

Best regards,
Linda Kowalski
Senior Buyer, Strategic Sourcing
Garnet Health Partners

-----Original Message-----
From: Jeff Morton <jeff.morton@garnethealth.example>
Sent: Thursday, December 3, 2026 10:20 AM
To: Sam Carter <sam.carter@northwind.example>
Cc: Linda Kowalski <linda.kowalski@garnethealth.example>
Subject: RE: Northwind - go ahead

Sam, we've approved the business case. Linda from sourcing will take it from here.
Jeff`,
  },
  {
    id: "long-en-close-sign-date",
    language: "en",
    expect: "close-plan",
    text: `Sam,

Good news — legal finished their review yesterday and our CFO has verbally approved. We'd like to have everything signed before the 18th so the project can start in January. Can you lay out what's still left on both sides (order form, security addendum, who signs what) and by when? I want to make sure nothing slips over the holidays.

Thanks,
Rob

Robert Nguyen
VP Operations
Pinecrest Distribution`,
  },
  {
    id: "long-en-reply-on-ja-thread",
    language: "en",
    expect: "bc-acme",
    text: `Hi Sato-san,

Jumping in from our US office — Yamada-san's team in Tokyo forwarded me this thread. I understand you're being compared with Acme for the group-wide rollout. Could you send me the comparison in English? I'll be presenting the recommendation to our global IT council next week.

Best regards,
Jennifer Holt
Global Head of IT Applications
Kiriyama Holdings Americas

2026年11月26日(木) 9:14 山田 太郎 <t.yamada@kiriyama.example>:
> 佐藤様
>
> いつもお世話になっております。
> 先日はデモをありがとうございました。アクメ社とも比較しておりますので、
> 違いがわかる資料をいただけますと幸いです。
>
> よろしくお願いいたします。
> 山田`,
  },
  {
    id: "long-en-hospital-audit",
    language: "en",
    expect: "cs-healthcare",
    deal: { stage: "discovery", industry: "healthcare", contactTitle: "Director of Clinical Systems" },
    text: `Hi Sam,

Thanks for the overview call. Our compliance officer will want to know how other hospital systems have used Northwind with patient-level data: specifically who can see what, how access is audited, and what happened when they went through an external audit. A real example would carry more weight than a feature list.

Regards,
Dr. Anita Shah
Director of Clinical Systems
St. Columba Health`,
  },
  {
    id: "long-en-esg-outside-tags",
    language: "en",
    expect: "deck-exec",
    acceptable: ["deck-discovery"],
    text: `Hi Sam,

We met briefly at the Nordic Data Summit. I'm responsible for our sustainability reporting, which is now a board-level topic: our emissions and energy data come from 14 sites in different formats, and the board wants a quarterly ESG scorecard it can trust. I don't know whether a platform like yours is meant for this, but I'd like to understand what's possible before we talk to the consultancies.

Kind regards,
Sofia Bergström
Chief Operating Officer
Norrland Paper AB`,
  },
  {
    id: "long-en-people-outside-tags",
    language: "en",
    expect: "video-tour",
    acceptable: ["deck-discovery"],
    text: `Hi Sam,

A colleague in finance uses your dashboards and suggested I reach out. I run our People team, and we're trying to get a clearer picture of attrition and internal mobility across 30 offices — today it's an HRIS export and a lot of pivot tables. I'm not ready for a sales process, I just want to get a feel for what the product looks like.

Thanks,
Megan Ortiz
VP People
Fairhaven Consulting`,
  },
  {
    id: "long-en-governance-sprawl",
    language: "en",
    expect: "wp-governance",
    text: `Sam,

Picking up from the call. My team's worry isn't whether business users will like self-service — they will. It's that in a year we'll have 2,000 dashboards, five definitions of "active customer" and no idea which numbers feed the board pack. We've been burned before. How do you keep certified metrics and lineage under control while still letting people build their own?

Best,
Ravi Menon
Head of Data Platform
Aldwych Telecom

--
Ravi Menon | Aldwych Telecom | ravi.menon@aldwych.example`,
  },
  {
    id: "long-en-integration-hubspot",
    language: "en",
    expect: "og-integration",
    text: `Hi Sam,

The marketing team is keen, but the question I have to answer first is how this fits into what we already run. We're on HubSpot for marketing automation, SAP S/4HANA for finance and a homegrown order system with a REST API. Do you have native connectors for the first two, and what would it take to bring in the third? Our developers will want to see the API documentation at some point.

Thanks,
Lukas Brandt
IT Manager, Business Applications
Feldmann Werkzeuge GmbH`,
  },
  {
    id: "long-en-dataforge",
    language: "en",
    expect: "bc-dataforge",
    text: `Hey Sam,

Quick one. Our analysts already use DataForge for prepping data and their rep says the new "Insights" add-on does dashboards too, so why buy a second tool? I'd like to hear your honest take before our demo with them on Tuesday.

Thanks,
Chris

Chris Adeyemi
Analytics Lead, Vantage Retail Group`,
  },

  // ——— Japanese ———
  {
    id: "long-ja-halfwidth-acme",
    language: "ja",
    expect: "bc-acme-ja",
    text: `Northwind Analytics
佐藤様

いつもお世話になっております。丸菱物流の鈴木です。
先日はデモのお時間をいただき、ありがとうございました。

社内で検討を進めておりますが、ｱｸﾒ社の製品とも並行して比較しており、
来週の部内会議で両社の違いを説明する必要があります。
違いが整理された資料があれば、ご共有いただけますでしょうか。

よろしくお願いいたします。

━━━━━━━━━━━━━━━━━━
丸菱物流株式会社
情報システム部 課長
鈴木 一郎
TEL: 03-5555-0123
━━━━━━━━━━━━━━━━━━

2026年11月3日(火) 10:02 佐藤 健 <ken.sato@northwind.example>:
> 鈴木様
>
> 本日はデモのお時間をいただきありがとうございました。
> お見積りとセキュリティ資料は別途お送りいたします。
>
> 佐藤`,
  },
  {
    id: "long-ja-hiragana-globex",
    language: "ja",
    expect: "bc-globex-ja",
    text: `佐藤さん

お疲れさまです。先日の件で一点ご相談です。
現在利用している ぐろーべっくす さんの CRM の更新時期が近づいておりまして、
先方から「更新すれば分析機能を無償で付ける」という提案がありました。
役員の中にはそれで十分ではないかという声もあり、正直なところ押され気味です。

御社を選ぶ理由をきちんと説明できる材料がほしいのですが、何かありますでしょうか。

よろしくお願いします。
中村（営業企画部）`,
  },
  {
    id: "long-ja-halfwidth-initech",
    language: "ja",
    expect: "bc-initech-ja",
    text: `佐藤様

お世話になっております。東邦化成の小林です。

現在弊社では ｲﾆﾃｯｸ のオンプレミス製品を使っておりますが、
来年度にサーバー機器の更改時期を迎えるため、クラウドへの移行も含めて検討を始めました。
現行製品と御社サービスの違いを、機器更改のコストも含めて比較できる資料はございますか。

お手数ですが、よろしくお願いいたします。

小林 誠
東邦化成株式会社
情報システム部 部長`,
  },
  {
    id: "long-ja-nebiki",
    language: "ja",
    expect: "og-price-ja",
    acceptable: ["op-roi-ja"],
    text: `佐藤様

いつもお世話になっております。
お送りいただいたお見積りについて、社内で確認いたしました。

率直に申し上げますと、想定していた金額を大きく上回っており、
このままでは稟議を通すのは難しい状況です。
何らかの値引きをご検討いただけないでしょうか。
もしくは、この金額に見合う効果を上長に説明できる材料があれば助かります。

何卒よろしくお願い申し上げます。

--
株式会社ミナミ製作所
経理部 部長
高橋 真理子`,
  },
  {
    id: "long-ja-forward-security",
    language: "ja",
    expect: "og-security-ja",
    text: `佐藤様

お世話になっております。
下記、当社の情報セキュリティ委員会からの確認事項です。
導入の可否判断に必要となりますので、回答および関連資料をご送付いただけますでしょうか。

よろしくお願いいたします。

井上
情報システム部 課長

-------- 転送されたメッセージ --------
差出人: 情報セキュリティ委員会 <security@kanto-denki.example>
日付: 2026年11月24日(火) 15:20
件名: クラウドサービス利用審査
宛先: 井上 <inoue@kanto-denki.example>

井上さん

Northwind の利用審査にあたり、以下をベンダーに確認してください。
・第三者認証（SOC 2、ISO 27001）の取得状況
・データの保管場所（国内リージョンの可否）
・シングルサインオン対応
・情報漏洩発生時の報告体制`,
  },
  {
    id: "long-ja-keiei-kikaku",
    language: "ja",
    expect: "deck-exec-ja",
    text: `佐藤様

いつもお世話になっております。
来月の役員会で、全社のデータ活用の方向性について報告することになりました。
その中で御社のサービスにも触れたいと考えておりますが、
役員は細かい機能説明よりも「経営にとって何が変わるのか」を重視します。
要点が短くまとまった資料があればいただけますでしょうか。

よろしくお願いいたします。

────────────────
株式会社北斗ホールディングス
経営企画室 室長
森田 浩二
────────────────`,
  },
  {
    id: "long-ja-outlook-roi",
    language: "ja",
    expect: "op-roi-ja",
    text: `佐藤様

ご提案書をありがとうございました。
稟議にあたり、財務の観点から投資対効果を確認したいと考えております。
何年で回収できる見込みなのか、またその前提となる削減工数の考え方を
示していただけますと助かります。

以上、よろしくお願いいたします。

青木
財務部 部長

差出人: 佐藤 健 <ken.sato@northwind.example>
送信日時: 2026年11月19日 17:45
宛先: 青木 隆 <aoki@shinsei-shoji.example>
件名: 【Northwind】ご提案書送付の件

青木様

本日はありがとうございました。ご提案書と価格表をお送りいたします。
ご不明点がございましたらお知らせください。

佐藤`,
  },
  {
    id: "long-ja-integration-sap",
    language: "ja",
    expect: "og-integration-ja",
    text: `佐藤様

お世話になっております。
前向きに検討しておりますが、情報システム部としては既存システムとのつなぎ込みが最大の論点です。
会計は SAP、営業管理は Salesforce、加えて自社開発の受発注システムがあります。
それぞれ標準で接続できるのか、開発が必要な場合はどの程度の作業になるのかを教えてください。

よろしくお願いいたします。

西田
株式会社中央電工 情報システム部`,
  },
  {
    id: "long-ja-timing-raiki",
    language: "ja",
    expect: "og-timing-ja",
    text: `佐藤様

お世話になっております。
ご提案いただいた内容は社内でも評価が高かったのですが、
今期はすでに予算枠を使い切っており、正式な検討は来期（4月以降）になりそうです。
それまで一度お話を止めさせていただくことになるかと思います。

せっかくご対応いただいたのに申し訳ありません。
来期に向けて、こちらで準備しておくべきことがあれば教えてください。

山口
営業推進部`,
  },
  {
    id: "long-ja-norikae",
    language: "ja",
    expect: "og-switching-ja",
    text: `佐藤様

先日はありがとうございました。
現場からは、今使っているツールから乗り換える際の負担を心配する声が出ています。
十年分の帳票と、担当者しか仕組みを知らないレポートが多数あり、
切り替え期間中に業務が止まらないかが一番の懸念です。
他社ではどのように進めたのか、期間の目安とあわせて教えていただけますか。

よろしくお願いいたします。

━━━━━━━━━━━━
株式会社さつき商会
業務改革推進室
松本 由美
━━━━━━━━━━━━`,
  },
  {
    id: "long-ja-factory-quality",
    language: "ja",
    expect: "cs-manufacturing-ja",
    deal: { stage: "discovery", industry: "manufacturing", contactTitle: "製造部 部長" },
    text: `佐藤様

本日はお打ち合わせのお時間をいただき、ありがとうございました。
お話しした通り、当社では工場ごとに品質データの集計方法が異なり、
不良の兆候に気付くのが一日遅れることが課題になっています。
同じような課題を持つ製造業の会社が、どのように改善したのかを知りたいです。
参考になる事例があれば、ぜひお送りください。

よろしくお願いいたします。

岡田 修
株式会社東和精工 製造部 部長`,
  },
  {
    id: "long-ja-linkedin-marketing",
    language: "ja",
    expect: "op-attribution-ja",
    acceptable: ["deck-marketing-ja"],
    text: `林 美咲 · マーケティング部 部長（株式会社ルミナ化粧品）

佐藤さん、つながりリクエストありがとうございます。
広告、展示会、ウェビナーとそれぞれ予算をかけていますが、どの施策が実際に商談につながっているのかが
社内で説明できずに困っています。御社のサービスでそういった効果測定はできますか？
まずは簡単な資料があれば拝見したいです。`,
  },
  {
    id: "long-ja-reply-on-en-thread",
    language: "ja",
    expect: "og-security-ja",
    text: `佐藤様

日本法人の情報システム部の木村です。下記の英語のやり取りを本社から共有されました。
日本側でも社内審査があり、SOC 2 の報告書の概要と、データを国内に保管できるかについて
日本語でご説明いただける資料はありますでしょうか。

よろしくお願いいたします。

木村 亮
ハーモニー・ジャパン株式会社
情報システム部 課長

On Wed, 25 Nov 2026 at 18:30, Jennifer Holt <jennifer.holt@harmony.example> wrote:
> Hi Sam,
> Our Japan subsidiary will need to complete their own security review.
> Could you support them? Kimura-san will reach out directly.
> Thanks, Jennifer`,
  },
  {
    id: "long-ja-retail-kepin",
    language: "ja",
    expect: "cs-retail-ja",
    text: `佐藤様

お世話になっております。
当社は首都圏で百二十店舗のスーパーを運営しておりますが、
特売のたびに人気商品の欠品が発生し、機会損失が大きくなっています。
同じ小売業で、店舗ごとの需要を見ながら欠品を減らした事例はありますか。

よろしくお願いいたします。

株式会社ひかりストア
商品部 部長
吉田 健太`,
  },
  {
    id: "long-ja-procurement-torihiki",
    language: "ja",
    expect: "procurement-faq-ja",
    text: `Northwind Analytics 株式会社
佐藤様

お世話になっております。購買部の斎藤でございます。
この度、御社とのお取引開始にあたり、取引先登録の手続きをお願いしたく存じます。
つきましては、以下の書類をご提出いただけますでしょうか。
・取引先登録申請書（添付）
・反社会的勢力でないことの表明確約書
・御社の標準契約書（Word 形式）
また、当社の支払条件は月末締め翌々月末払いとなりますが、問題ないかご確認ください。

以上、よろしくお願いいたします。

斎藤 恵
株式会社大洋建設 購買部 課長`,
  },
  {
    id: "long-ja-close-ringi",
    language: "ja",
    expect: "close-plan-ja",
    text: `佐藤様

お世話になっております。
おかげさまで部長決裁まで進み、年内に正式契約まで持っていきたいと考えております。
ただ、年末は稟議の回りが遅くなるため、ここからの手続き（稟議、発注書、契約書の締結）を
誰がいつまでに何をするのか、双方の予定を整理させていただけないでしょうか。

よろしくお願いいたします。

━━━━━━━━━━━━━━━━
株式会社杉野製菓
取締役 営業本部長
杉野 剛
━━━━━━━━━━━━━━━━`,
  },
  {
    id: "long-ja-hr-outside-tags",
    language: "ja",
    expect: "video-tour-ja",
    text: `佐藤様

突然のご連絡失礼いたします。株式会社アステル 人事部の前田と申します。
経理部の同僚から御社のダッシュボードの話を聞き、ご連絡いたしました。
当社では離職率や社内異動の状況を部署別に把握したいと考えていますが、
今は人事システムから出力した表を手作業で集計しています。
まだ具体的な検討段階ではないのですが、どのような製品なのか雰囲気をつかめるものがあれば拝見したいです。

よろしくお願いいたします。
前田`,
  },
  {
    id: "long-ja-dataforge-choonpu",
    language: "ja",
    expect: "bc-dataforge-ja",
    text: `佐藤さん

お疲れさまです。
分析チームはすでに データーフォージ を使っていて、先方の営業からは
「新しいダッシュボード機能があるので追加のツールは不要」と言われているそうです。
来週先方のデモがあるので、その前に御社との違いを押さえておきたいです。
比較できる資料はありますか？

よろしくお願いします。
小川（経営企画部）`,
  },
  {
    id: "long-ja-hospital",
    language: "ja",
    expect: "cs-healthcare-ja",
    text: `佐藤様

先日はご説明ありがとうございました。
当院では電子カルテのデータを分析に使うことを検討していますが、
院内の監査に耐えられるアクセス管理と操作ログの仕組みが前提になります。
他の病院で同じような運用をしている事例があれば教えていただけますか。

よろしくお願いいたします。

社会医療法人 みどり会 中央病院
医療情報部 部長
石井 啓介`,
  },
  {
    id: "long-ja-governance",
    language: "ja",
    expect: "wp-governance-ja",
    text: `佐藤様

お世話になっております。
セルフサービス分析の方向性には賛成なのですが、情報システム部としては
各部署が勝手にダッシュボードを作り、同じ「売上」でも定義がばらばらになることを懸念しています。
指標の定義やデータの出どころを管理しながら現場に開放する考え方について、
まとまった資料があればいただけますでしょうか。

よろしくお願いいたします。

藤田
情報システム部 データ管理グループ`,
  },
  {
    id: "long-ja-sales-forecast",
    language: "ja",
    expect: "cs-software-ja",
    text: `佐藤様

はじめまして。ソフトウェア会社で営業本部長をしております長谷川です。
営業が三百名を超え、毎週の売上予測会議が各部門のスプレッドシートの突き合わせに終始しています。
同じ規模のソフトウェア企業がどのように予測管理を一本化したのか、事例があれば読んでみたいです。

よろしくお願いいたします。

長谷川 誠
株式会社ネクストリンク 営業本部長`,
  },
  {
    id: "long-ja-linkedin-hiragana-acme",
    language: "ja",
    expect: "bc-acme-ja",
    text: `渡辺 大輔 · 情報システム部 マネージャー（株式会社ミツワ食品）

佐藤さん、ご無沙汰しております。
実は今、あくめ さんの製品と御社を比較しておりまして、
違いがひと目でわかる資料があれば送っていただけないでしょうか。`,
  },
];
