package com.finpulse.ingest.simulate;

import static com.finpulse.ingest.simulate.Company.Sector.AIRLINE;
import static com.finpulse.ingest.simulate.Company.Sector.BANK;
import static com.finpulse.ingest.simulate.Company.Sector.ENERGY;
import static com.finpulse.ingest.simulate.Company.Sector.INDUSTRIAL;
import static com.finpulse.ingest.simulate.Company.Sector.PHARMA;
import static com.finpulse.ingest.simulate.Company.Sector.RETAIL;
import static com.finpulse.ingest.simulate.Company.Sector.TECH;
import static com.finpulse.ingest.simulate.Template.ANALYST;
import static com.finpulse.ingest.simulate.Template.COMPANY;
import static com.finpulse.ingest.simulate.Template.CURRENCIES;
import static com.finpulse.ingest.simulate.Template.DIVIDEND;
import static com.finpulse.ingest.simulate.Template.EARNINGS;
import static com.finpulse.ingest.simulate.Template.ENERGY_OIL;
import static com.finpulse.ingest.simulate.Template.FED;
import static com.finpulse.ingest.simulate.Template.FINANCIALS;
import static com.finpulse.ingest.simulate.Template.IPO;
import static com.finpulse.ingest.simulate.Template.LEGAL;
import static com.finpulse.ingest.simulate.Template.MA;
import static com.finpulse.ingest.simulate.Template.MACRO;
import static com.finpulse.ingest.simulate.Template.MARKETS;
import static com.finpulse.ingest.simulate.Template.METALS;
import static com.finpulse.ingest.simulate.Template.MOVEMENT;
import static com.finpulse.ingest.simulate.Template.PERSONNEL;
import static com.finpulse.ingest.simulate.Template.TREASURIES;

import com.finpulse.ingest.simulate.Company.Sector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The headline patterns of the simulator, written in the register of wire and market news so a
 * sentiment and topic model trained on real financial headlines reads them as intended: the
 * background mixes topics and tones (about a third positive, a quarter negative), the bursts are
 * unambiguous bad news on one topic.
 */
final class HeadlineTemplates {

  private HeadlineTemplates() {}

  // ------------------------------------------------------------------ leads (first sentences)

  private static final List<String> ENERGY_NEG_LEADS =
      List.of(
          "Crude prices fell for a {nth} straight session as traders bet that swelling supply will"
              + " overwhelm weakening demand. Analysts warned that further losses are likely if"
              + " inventories keep building.",
          "The sell-off wiped out the energy sector's gains for the year and dragged producers'"
              + " shares to multi-month lows. Companies are expected to cut spending and jobs if"
              + " prices stay at these levels.",
          "Lower oil and gas prices will squeeze cash flow and force delays to new projects,"
              + " executives warned, as the slump in crude deepened.",
          "Oil extended its slide after fresh data showed stockpiles rising and fuel demand"
              + " weakening, deepening fears of a prolonged glut.");

  private static final List<String> EARNINGS_NEG_LEADS =
      List.of(
          "The company blamed weaker demand and higher costs, and said it no longer expects to hit"
              + " its full-year targets. Shares fell sharply in extended trading.",
          "Revenue and profit both came in well below Wall Street forecasts, and management cut"
              + " its outlook, citing a difficult second half.",
          "Analysts had expected a modest gain; instead the company reported a decline in sales"
              + " and a sharp drop in margins.");

  private static final List<String> BANK_NEG_LEADS =
      List.of(
          "The lender said losses on commercial real estate loans were rising faster than"
              + " expected, and investors sold bank shares across the sector.",
          "Deposit outflows and higher funding costs squeezed profitability, the bank said, as"
              + " concerns about credit quality mounted.",
          "The bank set aside more money to cover souring loans and cut its forecast for net"
              + " interest income.");

  private static final List<String> POSITIVE_COMPANY_LEADS =
      List.of(
          "The results beat analysts' expectations, helped by strong demand and tighter cost"
              + " control. Shares rose in early trading.",
          "Management raised its full-year forecast, citing robust orders and improving margins.",
          "Investors welcomed the news, sending the shares to their highest level in months.");

  private static final List<String> NEGATIVE_COMPANY_LEADS =
      List.of(
          "Shares fell after the announcement as investors worried about the impact on profit.",
          "The setback adds to a difficult year for the company, whose shares have underperformed"
              + " the market.");

  private static final List<String> NEUTRAL_COMPANY_LEADS =
      List.of(
          "The company said the move was part of its long-term plan and did not change its"
              + " financial outlook.",
          "Details were disclosed in a regulatory filing; the company did not comment further.",
          "Analysts said the announcement was broadly in line with expectations.");

  private static final List<String> ENERGY_POS_LEADS =
      List.of(
          "Crude gained as inventories fell more than expected and refiners ramped up runs,"
              + " pointing to firmer fuel demand.",
          "Energy shares outperformed the broader market as oil prices climbed.");

  private static final List<String> MACRO_NEGATIVE_LEADS =
      List.of(
          "The weaker-than-expected data added to worries that the economy is losing momentum.",
          "Economists said higher borrowing costs were starting to weigh on households and"
              + " businesses.");

  private static final List<String> MACRO_NEUTRAL_LEADS =
      List.of(
          "Economists said the figures were broadly in line with forecasts and unlikely to change"
              + " the outlook for interest rates.",
          "Markets showed little reaction as investors waited for further data later in the week.",
          "Policymakers have said they will watch incoming data closely before deciding their"
              + " next move.");

  private static final List<String> MARKETS_POSITIVE_LEADS =
      List.of(
          "Technology and consumer shares led the advance as investors bet on steady growth and"
              + " cooling inflation.",
          "Gains were broad-based, with most sectors finishing higher on upbeat earnings.");

  private static final List<String> MARKETS_NEGATIVE_LEADS =
      List.of(
          "Investors sold riskier assets on worries about growth and higher borrowing costs.",
          "Losses were broad-based, with cyclical sectors falling the most.");

  // ------------------------------------------------------------------ background news

  /** The steady background: a mix of topics and tones. */
  static final List<Template> BASELINE = baseline();

  private static List<Template> baseline() {
    List<Template> t = new ArrayList<>();
    // Earnings
    t.add(
        pos(
            EARNINGS,
            any(),
            "{co} beats {q} profit estimates as revenue jumps {pct}%; raises outlook",
            POSITIVE_COMPANY_LEADS));
    t.add(
        pos(
            EARNINGS,
            any(),
            "{co} posts record {q} earnings on strong demand, shares rise {pct}%",
            POSITIVE_COMPANY_LEADS));
    t.add(
        pos(
            EARNINGS,
            any(),
            "{co} {q} EPS {eps} tops {eps_est} consensus; revenue ahead of forecasts",
            POSITIVE_COMPANY_LEADS));
    t.add(
        pos(
            EARNINGS,
            any(),
            "{co} lifts full-year guidance after strong {q} sales",
            POSITIVE_COMPANY_LEADS));
    t.add(neu(EARNINGS, any(), "{co} to report {q} results on {weekday}", NEUTRAL_COMPANY_LEADS));
    t.add(
        neu(EARNINGS, any(), "{co} schedules {q} earnings conference call", NEUTRAL_COMPANY_LEADS));
    t.add(
        neu(
            EARNINGS,
            any(),
            "{co} {q} results in line with expectations; maintains annual forecast",
            NEUTRAL_COMPANY_LEADS));
    t.add(
        neg(
            EARNINGS,
            any(),
            "{co} misses {q} revenue estimates as demand softens",
            EARNINGS_NEG_LEADS));
    // M&A
    t.add(
        pos(
            MA,
            any(),
            "{co} agrees to buy rival in {amount} deal to expand market share",
            POSITIVE_COMPANY_LEADS));
    t.add(
        neu(
            MA,
            any(),
            "{co} explores sale of non-core unit, people familiar say",
            NEUTRAL_COMPANY_LEADS));
    t.add(
        neu(
            MA,
            any(),
            "{co} completes previously announced acquisition of software maker",
            NEUTRAL_COMPANY_LEADS));
    t.add(
        pos(
            MA,
            any(),
            "{co} shares jump {pct}% on report of takeover interest",
            POSITIVE_COMPANY_LEADS));
    // Central banks, macro, markets
    t.add(
        neu(
            FED,
            none(),
            "Fed holds rates steady, signals patience on future moves",
            MACRO_NEUTRAL_LEADS));
    t.add(
        neu(
            FED,
            none(),
            "Minutes show Fed officials divided over timing of next rate cut",
            MACRO_NEUTRAL_LEADS));
    t.add(
        neu(
            FED,
            none(),
            "Fed's {fedname} says policy is well positioned for the outlook",
            MACRO_NEUTRAL_LEADS));
    t.add(
        neu(
            FED,
            none(),
            "ECB keeps rates unchanged as euro zone inflation eases",
            MACRO_NEUTRAL_LEADS));
    t.add(
        neu(
            MACRO,
            none(),
            "U.S. consumer prices rise {smallpct}% in {month}, in line with forecasts",
            MACRO_NEUTRAL_LEADS));
    t.add(
        pos(
            MACRO,
            none(),
            "U.S. jobless claims fall to lowest level in {weeks} weeks",
            MACRO_NEUTRAL_LEADS));
    t.add(
        pos(
            MACRO,
            none(),
            "U.S. retail sales rise more than expected in {month}",
            MACRO_NEUTRAL_LEADS));
    t.add(
        neg(
            MACRO,
            none(),
            "U.S. factory activity contracts for a third straight month",
            MACRO_NEGATIVE_LEADS));
    t.add(
        neg(
            MACRO,
            none(),
            "Consumer confidence falls to lowest level in {weeks} months",
            MACRO_NEGATIVE_LEADS));
    t.add(
        neg(
            MACRO,
            none(),
            "Home sales drop for a second month as mortgage rates climb",
            MACRO_NEGATIVE_LEADS));
    t.add(neu(MACRO, none(), "Euro zone growth stalls in {q2}, data show", MACRO_NEUTRAL_LEADS));
    t.add(
        pos(
            MARKETS,
            none(),
            "S&P 500 closes at record high as technology shares rally",
            MARKETS_POSITIVE_LEADS));
    t.add(
        pos(
            MARKETS,
            none(),
            "Stocks climb as upbeat earnings lift investor sentiment",
            MARKETS_POSITIVE_LEADS));
    t.add(
        neu(
            MARKETS,
            none(),
            "Stocks edge higher as investors await inflation data",
            MACRO_NEUTRAL_LEADS));
    t.add(
        neu(
            MARKETS,
            none(),
            "Wall Street ends mixed ahead of central bank decision",
            MACRO_NEUTRAL_LEADS));
    t.add(
        neg(
            MARKETS,
            none(),
            "Stocks fall as bond yields climb and growth worries mount",
            MARKETS_NEGATIVE_LEADS));
    t.add(
        neu(
            TREASURIES,
            none(),
            "Treasury yields slip ahead of the Fed decision",
            MACRO_NEUTRAL_LEADS));
    t.add(
        neg(
            TREASURIES,
            none(),
            "Treasury yields jump to highest since {pastyear}, pressuring stocks",
            MARKETS_NEGATIVE_LEADS));
    t.add(
        neu(
            TREASURIES,
            any(),
            "{co} prices {amount} bond offering to refinance debt",
            NEUTRAL_COMPANY_LEADS));
    t.add(
        neu(
            CURRENCIES,
            none(),
            "Dollar edges lower against the euro ahead of jobs report",
            MACRO_NEUTRAL_LEADS));
    t.add(
        neu(
            METALS,
            none(),
            "Gold holds steady as investors weigh rate outlook",
            MACRO_NEUTRAL_LEADS));
    // Energy, in its ordinary mix
    t.add(
        neu(
            ENERGY_OIL,
            none(),
            "Oil steadies as traders weigh OPEC+ supply plans",
            MACRO_NEUTRAL_LEADS));
    t.add(
        pos(
            ENERGY_OIL,
            none(),
            "Oil rises {pct}% on signs of stronger fuel demand",
            ENERGY_POS_LEADS));
    t.add(
        neu(
            ENERGY_OIL,
            of(ENERGY),
            "{co} to invest {amount} in new offshore field",
            NEUTRAL_COMPANY_LEADS));
    t.add(
        pos(
            ENERGY_OIL,
            of(ENERGY),
            "{co} raises production forecast after strong drilling results",
            POSITIVE_COMPANY_LEADS));
    // Company news
    t.add(
        pos(
            COMPANY,
            of(TECH),
            "{co} unveils new AI chip, shares rise {pct}%",
            POSITIVE_COMPANY_LEADS));
    t.add(
        pos(
            COMPANY,
            of(TECH),
            "{co} wins {amount} cloud contract from federal agency",
            POSITIVE_COMPANY_LEADS));
    t.add(neu(COMPANY, any(), "{co} opens new headquarters in {city}", NEUTRAL_COMPANY_LEADS));
    t.add(
        pos(
            COMPANY,
            of(INDUSTRIAL, AIRLINE),
            "{co} reports record orders as demand recovers",
            POSITIVE_COMPANY_LEADS));
    t.add(
        neg(
            COMPANY,
            of(INDUSTRIAL),
            "{co} recalls {count} vehicles over brake defect",
            NEGATIVE_COMPANY_LEADS));
    t.add(
        pos(
            COMPANY,
            of(PHARMA),
            "{co} drug succeeds in late-stage trial; shares surge {bigpct}%",
            POSITIVE_COMPANY_LEADS));
    t.add(
        neg(
            COMPANY,
            of(PHARMA),
            "{co} halts trial of experimental drug after safety concerns",
            NEGATIVE_COMPANY_LEADS));
    t.add(
        pos(
            COMPANY,
            of(RETAIL),
            "{co} same-store sales rise {pct}% in holiday season",
            POSITIVE_COMPANY_LEADS));
    // Analysts, dividends, people, IPOs, legal
    t.add(
        pos(
            ANALYST,
            any(),
            "{firm} upgrades {co} to buy, sees {bigpct}% upside",
            POSITIVE_COMPANY_LEADS));
    t.add(
        neu(
            ANALYST,
            any(),
            "{firm} initiates coverage of {co} with neutral rating",
            NEUTRAL_COMPANY_LEADS));
    t.add(
        neg(
            ANALYST,
            any(),
            "{firm} cuts {co} price target, citing slowing growth",
            NEGATIVE_COMPANY_LEADS));
    t.add(
        neg(
            ANALYST,
            any(),
            "{firm} downgrades {co} to underperform on stretched valuation",
            NEGATIVE_COMPANY_LEADS));
    t.add(pos(DIVIDEND, any(), "{co} raises quarterly dividend by {pct}%", POSITIVE_COMPANY_LEADS));
    t.add(
        neu(
            DIVIDEND,
            any(),
            "{co} declares regular quarterly dividend of {div} per share",
            NEUTRAL_COMPANY_LEADS));
    t.add(neu(PERSONNEL, any(), "{co} names new chief financial officer", NEUTRAL_COMPANY_LEADS));
    t.add(
        neu(
            PERSONNEL,
            any(),
            "{co} chief executive to retire at year-end; board begins search",
            NEUTRAL_COMPANY_LEADS));
    t.add(
        neu(
            IPO,
            none(),
            "Payments startup files for U.S. initial public offering",
            NEUTRAL_COMPANY_LEADS));
    t.add(
        pos(
            IPO,
            none(),
            "Software maker's shares jump {bigpct}% in Nasdaq debut",
            POSITIVE_COMPANY_LEADS));
    t.add(neu(LEGAL, any(), "{co} settles patent dispute with rival", NEUTRAL_COMPANY_LEADS));
    t.add(
        neg(LEGAL, any(), "{co} faces SEC probe over revenue accounting", NEGATIVE_COMPANY_LEADS));
    t.add(
        neg(
            LEGAL,
            any(),
            "{co} fined {amount} by regulators over compliance failures",
            NEGATIVE_COMPANY_LEADS));
    t.add(
        neg(
            COMPANY,
            any(),
            "{co} to cut {count} jobs in restructuring as sales weaken",
            NEGATIVE_COMPANY_LEADS));
    t.add(
        neg(
            COMPANY,
            of(TECH, INDUSTRIAL, RETAIL),
            "{co} warns supply chain disruption will hit output",
            NEGATIVE_COMPANY_LEADS));
    t.add(
        neg(
            MOVEMENT,
            any(),
            "{co} shares fall {pct}% after rival undercuts prices",
            NEGATIVE_COMPANY_LEADS));
    t.add(
        neg(
            PERSONNEL,
            any(),
            "{co} shares slide after abrupt departure of chief executive",
            NEGATIVE_COMPANY_LEADS));
    t.add(
        neg(
            IPO,
            none(),
            "Grocery delivery firm prices IPO below range amid weak demand",
            NEGATIVE_COMPANY_LEADS));
    t.add(
        pos(
            MOVEMENT,
            any(),
            "{co} shares hit all-time high after strong quarter",
            POSITIVE_COMPANY_LEADS));
    t.add(
        neu(
            MOVEMENT,
            any(),
            "{co} shares little changed after investor day",
            NEUTRAL_COMPANY_LEADS));
    return List.copyOf(t);
  }

  // ------------------------------------------------------------------ bursts of bad news

  /** Negative headlines of a {@code spike}, by {@code spike_topic}. */
  static final Map<String, List<Template>> SPIKES =
      Map.of("energy", energySpike(), "earnings", earningsSpike(), "banks", bankSpike());

  /** Clauses appended to some burst headlines, for variety. */
  static final Map<String, List<String>> SPIKE_CODAS =
      Map.of(
          "energy",
          List.of(
              "as traders brace for more losses",
              "amid fears of a prolonged glut",
              "as demand outlook darkens",
              "as recession fears grip markets",
              "as stockpiles swell"),
          "earnings",
          List.of(
              "as costs surge",
              "amid weak consumer demand",
              "as margins shrink",
              "as orders dry up"),
          "banks",
          List.of(
              "as credit fears spread",
              "amid commercial real estate losses",
              "as depositors pull funds",
              "as loan defaults climb"));

  private static List<Template> energySpike() {
    List<String> l = ENERGY_NEG_LEADS;
    List<Template> t = new ArrayList<>();
    t.add(
        neg(ENERGY_OIL, none(), "Oil plunges {pct}% as OPEC+ unexpectedly raises crude output", l));
    t.add(
        neg(
            ENERGY_OIL,
            none(),
            "Brent crude sinks below {oil} a barrel, lowest since {pastyear}, as oil demand fears mount",
            l));
    t.add(
        neg(
            ENERGY_OIL,
            none(),
            "WTI crude oil tumbles {pct}% after record build in U.S. crude inventories",
            l));
    t.add(
        neg(
            ENERGY_OIL,
            of(ENERGY),
            "Oil refiner {co} slides {pct}% as refinery outage slashes gasoline output",
            l));
    t.add(neg(ENERGY_OIL, none(), "Energy stocks sink as oil prices crash on recession fears", l));
    t.add(
        neg(
            ENERGY_OIL,
            of(ENERGY),
            "Oil producer {co} cuts drilling budget by {amount} as crude prices slump",
            l));
    t.add(
        neg(
            ENERGY_OIL,
            none(),
            "Natural gas prices collapse {bigpct}% as mild weather crushes heating demand",
            l));
    t.add(
        neg(
            ENERGY_OIL,
            none(),
            "OPEC slashes oil demand forecast again, sending crude prices sharply lower",
            l));
    t.add(
        neg(
            ENERGY_OIL,
            of(ENERGY),
            "{co} halts oil drilling in {region} after pipeline rupture and spill",
            l));
    t.add(
        neg(
            ENERGY_OIL,
            none(),
            "Oil heads for worst week since {pastyear} on crude supply glut fears",
            l));
    t.add(
        neg(
            ENERGY_OIL,
            of(ENERGY),
            "Collapsing refining margins and cheap crude drag oil refiner {co} to a loss",
            l));
    t.add(
        neg(
            ENERGY_OIL,
            of(ENERGY),
            "{co} swings to a loss as oil price rout hammers its crude production business",
            l));
    t.add(
        neg(
            ENERGY_OIL,
            none(),
            "Crude oil slumps as Saudi Arabia slashes prices in widening oil price war",
            l));
    t.add(
        neg(
            ENERGY_OIL,
            of(ENERGY),
            "{firm} downgrades oil producer {co} as falling crude prices squeeze cash flow",
            l));
    t.add(
        neg(
            ENERGY_OIL,
            none(),
            "Shale oil producers warn of layoffs as crude falls below breakeven",
            l));
    t.add(
        neg(
            ENERGY_OIL,
            of(ENERGY),
            "${tk} {co} tumbles {pct}% as oil sell-off wipes out energy stock gains",
            l));
    t.add(
        neg(
            ENERGY_OIL,
            none(),
            "Oil prices extend losses as Chinese fuel demand weakens sharply",
            l));
    t.add(
        neg(
            ENERGY_OIL,
            of(ENERGY),
            "{co} suspends dividend as oil and gas price collapse squeezes cash flow",
            l));
    t.add(
        neg(
            ENERGY_OIL,
            none(),
            "Energy sector posts steepest drop in two years as crude oil crashes",
            l));
    t.add(
        neg(
            ENERGY_OIL,
            of(ENERGY),
            "{co} writes down {amount} of oil and gas assets after crude price slump",
            l));
    t.add(
        neg(
            ENERGY_OIL,
            none(),
            "Crude oil storage nears capacity as glut worsens, pressuring oil prices",
            l));
    t.add(
        neg(
            ENERGY_OIL,
            of(ENERGY),
            "{co} cuts oil production forecast as weak crude prices force well shut-ins",
            l));
    t.add(
        neg(
            ENERGY_OIL,
            none(),
            "Oil price crash triggers wave of credit downgrades for energy producers",
            l));
    t.add(
        neg(
            ENERGY_OIL,
            none(),
            "Hedge funds dump oil bets at record pace as crude prices slide",
            l));
    t.add(
        neg(
            ENERGY_OIL,
            of(ENERGY),
            "Energy stock {co} hits 52-week low as oil extends its slide",
            l));
    t.add(
        neg(
            ENERGY_OIL,
            none(),
            "Brent oil falls {pct}% after surprise jump in OPEC crude exports",
            l));
    t.add(
        neg(
            ENERGY_OIL,
            of(ENERGY),
            "Offshore oil driller {co} warns of contract cancellations as crude slump bites",
            l));
    t.add(neg(ENERGY_OIL, none(), "U.S. oil rig count plunges as shale drillers slash budgets", l));
    t.add(
        neg(
            ENERGY_OIL,
            none(),
            "Oil majors lose {amount} in market value as crude sell-off deepens",
            l));
    t.add(
        neg(
            ENERGY_OIL,
            none(),
            "Gasoline and diesel futures slump as oil demand outlook darkens",
            l));
    t.add(neg(ENERGY_OIL, none(), "OPEC+ talks collapse, sending oil prices into free fall", l));
    t.add(
        neg(
            ENERGY_OIL,
            of(ENERGY),
            "{co} lays off {count} oil workers as crude slump hits drilling",
            l));
    return List.copyOf(t);
  }

  private static List<Template> earningsSpike() {
    List<String> l = EARNINGS_NEG_LEADS;
    List<Template> t = new ArrayList<>();
    t.add(
        neg(
            EARNINGS,
            any(),
            "{co} {qs} earnings miss estimates; company cuts full-year outlook",
            l));
    t.add(
        neg(
            EARNINGS,
            any(),
            "{co} {qs} earnings: EPS {eps_low} vs. {eps_est} expected, revenue misses",
            l));
    t.add(neg(EARNINGS, any(), "{co} reports surprise {qs} loss as revenue falls {pct}%", l));
    t.add(neg(EARNINGS, any(), "{co} slashes annual earnings forecast after weak {qs} results", l));
    t.add(
        neg(
            EARNINGS,
            any(),
            "{co} {qs} results disappoint: earnings fall {bigpct}%, guidance lowered",
            l));
    t.add(neg(EARNINGS, any(), "{co} earnings drop {bigpct}% in {qs} as margins shrink", l));
    t.add(neg(EARNINGS, any(), "{co} warns {qs} earnings will fall short on weak demand", l));
    t.add(
        neg(EARNINGS, any(), "{co} posts {qs} net loss of {amount}, misses earnings estimates", l));
    t.add(neg(EARNINGS, any(), "{co} withdraws earnings guidance after dismal {qs} results", l));
    t.add(
        neg(
            EARNINGS,
            any(),
            "${tk} {co} {qs} earnings miss; revenue down {pct}% year over year",
            l));
    t.add(
        neg(
            EARNINGS,
            any(),
            "{co} {qs} profit plunges, earnings miss for third straight quarter",
            l));
    t.add(neg(EARNINGS, any(), "{co} lowers earnings outlook as {qs} sales slump", l));
    t.add(
        neg(
            EARNINGS,
            any(),
            "Earnings miss: {co} {qs} revenue and EPS fall below expectations",
            l));
    t.add(neg(EARNINGS, any(), "{co} cuts dividend after {qs} earnings collapse", l));
    t.add(
        neg(
            EARNINGS,
            any(),
            "{co} {qs} earnings disappoint as costs surge; CFO warns of tough year",
            l));
    t.add(
        neg(EARNINGS, any(), "Weak {qs} earnings report sends {co} to lowest since {pastyear}", l));
    return List.copyOf(t);
  }

  private static List<Template> bankSpike() {
    List<String> l = BANK_NEG_LEADS;
    List<Template> t = new ArrayList<>();
    t.add(
        neg(FINANCIALS, of(BANK), "Bank stocks tumble as {co} reports heavy deposit outflows", l));
    t.add(
        neg(
            FINANCIALS,
            of(BANK),
            "{co} profit plunges as bank sets aside {amount} for bad loans",
            l));
    t.add(
        neg(
            FINANCIALS,
            of(BANK),
            "Lender {co} books {amount} loss on bond portfolio, shares plunge {bigpct}%",
            l));
    t.add(neg(FINANCIALS, of(BANK), "Moody's downgrades {co} as bank loan losses pile up", l));
    t.add(
        neg(
            FINANCIALS,
            of(BANK),
            "Regional bank stocks crash as {co} discloses soaring real estate loan losses",
            l));
    t.add(
        neg(
            FINANCIALS,
            of(BANK),
            "{co} slashes dividend as bank capital shrinks and losses mount",
            l));
    t.add(
        neg(
            FINANCIALS,
            of(BANK),
            "{co} bank profit falls {bigpct}%, misses estimates as loan defaults rise",
            l));
    t.add(
        neg(
            FINANCIALS,
            of(BANK),
            "Bank {co} shares sink after regulators find serious risk failures",
            l));
    t.add(
        neg(FINANCIALS, of(BANK), "Bank {co} hit by {amount} trading loss, shares fall {pct}%", l));
    t.add(
        neg(
            FINANCIALS,
            none(),
            "Bank stocks fall sharply as fears over bad property loans spread",
            l));
    t.add(
        neg(
            FINANCIALS,
            of(BANK),
            "${tk} {co} plunges {bigpct}% after lender warns of rising loan losses",
            l));
    t.add(
        neg(
            FINANCIALS,
            none(),
            "Regional banks lose {amount} in market value as bank stock rout deepens",
            l));
    t.add(
        neg(
            FINANCIALS,
            of(BANK),
            "{co} shares collapse as panicked depositors pull cash from the bank",
            l));
    t.add(
        neg(
            FINANCIALS,
            none(),
            "Bank index slumps {pct}%, worst day since {pastyear}, as credit fears hit lenders",
            l));
    t.add(neg(FINANCIALS, of(BANK), "Bank run fears send {co} shares down {bigpct}%", l));
    t.add(
        neg(
            FINANCIALS,
            none(),
            "Banking crisis fears grow as lender shares plunge for a third day",
            l));
    return List.copyOf(t);
  }

  // ------------------------------------------------------------------ helpers

  private static Template pos(String topic, List<Sector> sectors, String h, List<String> leads) {
    return new Template(topic, Tone.POSITIVE, sectors, h, leads);
  }

  private static Template neu(String topic, List<Sector> sectors, String h, List<String> leads) {
    return new Template(topic, Tone.NEUTRAL, sectors, h, leads);
  }

  private static Template neg(String topic, List<Sector> sectors, String h, List<String> leads) {
    return new Template(topic, Tone.NEGATIVE, sectors, h, leads);
  }

  private static List<Sector> any() {
    return List.of(Sector.values());
  }

  private static List<Sector> none() {
    return List.of();
  }

  private static List<Sector> of(Sector... sectors) {
    return List.of(sectors);
  }
}
