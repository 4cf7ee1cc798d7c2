package com.finpulse.ingest.simulate;

import com.finpulse.common.event.ContentFingerprint;
import com.finpulse.ingest.config.SimulateSettings;
import java.time.Duration;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plays a {@link Scenario} into a list of headlines: Poisson arrivals at the configured rates,
 * templates and fills drawn from a seeded generator, so one seed always gives the same headlines at
 * the same offsets. The background is drawn from its own stream, so the {@code spike} scenario is
 * exactly the {@code steady} one plus the burst.
 *
 * <p>No two headlines of a run are near-duplicates of each other (a drawn headline too close to an
 * earlier one is drawn again): ingest's dedup would otherwise drop part of the scenario.
 */
public final class HeadlineGenerator {

  private static final Pattern SLOT = Pattern.compile("\\{([a-z_0-9]+)}");
  private static final int MAX_REDRAWS = 40;
  private static final long SPIKE_STREAM = 0x5eed5eedL;

  private static final List<String> FIRMS =
      List.of(
          "Carrington Research",
          "Whitfield Securities",
          "Halden & Co",
          "Pemberton Capital Markets",
          "Ashgrove Partners",
          "Kestrel Equity Research");
  private static final List<String> FED_NAMES =
      List.of("Harlow", "Okafor", "Lindqvist", "Brennan", "Castillo", "Whitaker");
  private static final List<String> REGIONS =
      List.of("the Permian Basin", "the North Sea", "the Gulf of Mexico", "West Texas", "Alberta");
  private static final List<String> CITIES =
      List.of("Austin", "Charlotte", "Denver", "Atlanta", "Phoenix", "Columbus", "Raleigh");
  private static final List<String> WEEKDAYS =
      List.of("Monday", "Tuesday", "Wednesday", "Thursday", "Friday");
  private static final List<String> QUARTERS =
      List.of("first-quarter", "second-quarter", "third-quarter", "fourth-quarter");
  private static final List<String> NTH = List.of("second", "third", "fourth", "fifth");

  private final SimulateSettings settings;

  public HeadlineGenerator(SimulateSettings settings) {
    this.settings = settings;
  }

  public List<SimulatedHeadline> generate(Scenario scenario) {
    List<SimulatedHeadline> out = new ArrayList<>();
    List<long[]> fingerprints = new ArrayList<>();
    SplittableRandom background = new SplittableRandom(settings.seed());
    for (Duration at :
        arrivals(background, Duration.ZERO, settings.duration(), settings.baselinePerMinute())) {
      out.add(
          draw(background, baselineOfTone(tone(background)), List.of(), at, false, fingerprints));
    }
    if (scenario == Scenario.SPIKE) {
      SplittableRandom burst = new SplittableRandom(settings.seed() ^ SPIKE_STREAM);
      List<Template> templates = HeadlineTemplates.SPIKES.get(settings.spikeTopic());
      List<String> codas = HeadlineTemplates.SPIKE_CODAS.get(settings.spikeTopic());
      Duration end = settings.spikeStart().plus(settings.spikeLength());
      for (Duration at : arrivals(burst, settings.spikeStart(), end, settings.spikePerMinute())) {
        out.add(draw(burst, templates, codas, at, true, fingerprints));
      }
    }
    out.sort(Comparator.comparing(SimulatedHeadline::offset));
    return out;
  }

  /** Shares of the background news by tone: mixed, a little more good news than bad. */
  static final double POSITIVE_SHARE = 0.32;

  static final double NEGATIVE_SHARE = 0.25;

  private static Tone tone(SplittableRandom rng) {
    double x = rng.nextDouble();
    return x < POSITIVE_SHARE
        ? Tone.POSITIVE
        : x < POSITIVE_SHARE + NEGATIVE_SHARE ? Tone.NEGATIVE : Tone.NEUTRAL;
  }

  private static final java.util.Map<Tone, List<Template>> BASELINE_BY_TONE =
      java.util.Arrays.stream(Tone.values())
          .collect(
              java.util.stream.Collectors.toMap(
                  t -> t,
                  t -> HeadlineTemplates.BASELINE.stream().filter(x -> x.tone() == t).toList()));

  private static List<Template> baselineOfTone(Tone tone) {
    return BASELINE_BY_TONE.get(tone);
  }

  /** Poisson arrivals: exponential gaps with mean {@code 1 / perMinute} minutes. */
  private static List<Duration> arrivals(
      SplittableRandom rng, Duration from, Duration to, double perMinute) {
    List<Duration> out = new ArrayList<>();
    double meanMillis = 60_000.0 / perMinute;
    long t = from.toMillis();
    while (true) {
      t += (long) Math.ceil(-Math.log(1 - rng.nextDouble()) * meanMillis);
      if (t >= to.toMillis()) {
        return out;
      }
      out.add(Duration.ofMillis(t));
    }
  }

  private SimulatedHeadline draw(
      SplittableRandom rng,
      List<Template> templates,
      List<String> codas,
      Duration at,
      boolean burst,
      List<long[]> fingerprints) {
    SimulatedHeadline h = null;
    for (int attempt = 0; attempt < MAX_REDRAWS; attempt++) {
      Template t = templates.get(rng.nextInt(templates.size()));
      h = fill(rng, t, codas, at, burst);
      long full = HexFormat.fromHexDigitsToLong(ContentFingerprint.of(h.title(), h.body()));
      long title = HexFormat.fromHexDigitsToLong(ContentFingerprint.of(h.title(), null));
      if (!tooClose(fingerprints, full, title)) {
        fingerprints.add(new long[] {full, title});
        return h;
      }
    }
    // The template pool is exhausted at this rate: keep the last draw (dedup will count it).
    return h;
  }

  /** Closer than ingest's near-duplicate distance to any earlier headline (with margin). */
  private static boolean tooClose(List<long[]> fingerprints, long full, long title) {
    int limit = ContentFingerprint.NEAR_DUPLICATE_MAX_DISTANCE + 2;
    for (long[] f : fingerprints) {
      if (Long.bitCount(f[0] ^ full) <= limit || Long.bitCount(f[1] ^ title) <= limit) {
        return true;
      }
    }
    return false;
  }

  private SimulatedHeadline fill(
      SplittableRandom rng, Template t, List<String> codas, Duration at, boolean burst) {
    Company co = null;
    if (t.needsCompany() || t.headline().contains("{co}")) {
      List<Company> pool =
          Company.ALL.stream().filter(c -> t.sectors().contains(c.sector())).toList();
      co = pool.get(rng.nextInt(pool.size()));
    }
    Slots slots = new Slots(rng, co);
    String title = slots.fill(t.headline());
    if (!codas.isEmpty()
        && rng.nextInt(3) == 0
        && !title.contains(";")
        && !title.contains(" as ")
        && !title.contains(" amid ")) {
      title = title + " " + codas.get(rng.nextInt(codas.size()));
    }
    String body = slots.fill(t.leads().get(rng.nextInt(t.leads().size())));
    if (co != null && !body.contains(co.name())) {
      body = co.name() + " (" + co.ticker() + "): " + body;
    }
    return new SimulatedHeadline(
        at, title, body, t.topic(), t.tone(), co == null ? List.of() : List.of(co.ticker()), burst);
  }

  /** Fills placeholders; one instance per headline so a value repeats consistently. */
  private static final class Slots {
    private final SplittableRandom rng;
    private final Company co;

    Slots(SplittableRandom rng, Company co) {
      this.rng = rng;
      this.co = co;
    }

    String fill(String pattern) {
      Matcher m = SLOT.matcher(pattern);
      StringBuilder sb = new StringBuilder();
      while (m.find()) {
        m.appendReplacement(sb, Matcher.quoteReplacement(value(m.group(1))));
      }
      m.appendTail(sb);
      return sb.toString();
    }

    private String value(String slot) {
      return switch (slot) {
        case "co" -> co.name();
        case "tk" -> co.ticker();
        case "pct" -> oneDecimal(1.2, 7.9);
        case "smallpct" -> oneDecimal(0.1, 0.4);
        case "bigpct" -> Integer.toString(8 + rng.nextInt(24));
        case "eps" -> money(0.4, 3.9);
        case "eps_low" -> money(0.05, 0.9);
        case "eps_est" -> money(0.95, 2.5);
        case "div" -> money(0.12, 1.1);
        case "amount" -> amount();
        case "oil" -> "$" + (52 + rng.nextInt(14));
        case "pastyear" -> Integer.toString(2015 + rng.nextInt(7));
        case "q" -> QUARTERS.get(rng.nextInt(QUARTERS.size()));
        case "qs" -> "Q" + (1 + rng.nextInt(4));
        case "q2" ->
            "the " + QUARTERS.get(rng.nextInt(QUARTERS.size())).replace("-quarter", " quarter");
        case "weekday" -> WEEKDAYS.get(rng.nextInt(WEEKDAYS.size()));
        case "month" ->
            Month.of(1 + rng.nextInt(12)).getDisplayName(TextStyle.FULL, Locale.ENGLISH);
        case "weeks" -> Integer.toString(4 + rng.nextInt(20));
        case "firm" -> FIRMS.get(rng.nextInt(FIRMS.size()));
        case "fedname" -> FED_NAMES.get(rng.nextInt(FED_NAMES.size()));
        case "region" -> REGIONS.get(rng.nextInt(REGIONS.size()));
        case "city" -> CITIES.get(rng.nextInt(CITIES.size()));
        case "count" -> String.format(Locale.ROOT, "%,d", (1 + rng.nextInt(40)) * 250);
        case "nth" -> NTH.get(rng.nextInt(NTH.size()));
        default -> throw new IllegalStateException("template slot {" + slot + "} has no filler");
      };
    }

    private String oneDecimal(double lo, double hi) {
      return String.format(Locale.ROOT, "%.1f", lo + rng.nextDouble() * (hi - lo));
    }

    private String money(double lo, double hi) {
      return String.format(Locale.ROOT, "$%.2f", lo + rng.nextDouble() * (hi - lo));
    }

    private String amount() {
      if (rng.nextBoolean()) {
        return "$" + (100 + rng.nextInt(9) * 50) + " million";
      }
      return String.format(Locale.ROOT, "$%.1f billion", 1 + rng.nextDouble() * 11);
    }
  }
}
