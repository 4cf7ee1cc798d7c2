package com.finpulse.ingest.simulate;

import com.finpulse.common.event.ContentFingerprint;
import com.finpulse.ingest.config.SimulateSettings;
import java.time.Duration;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.stream.Collectors;

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
  private final HeadlineTemplates templates;
  private final Map<Tone, List<Template>> baselineByTone;

  /**
   * @throws com.finpulse.common.config.ConfigException when the shipped templates are broken
   */
  public HeadlineGenerator(SimulateSettings settings) {
    this(settings, HeadlineTemplates.load());
  }

  HeadlineGenerator(SimulateSettings settings, HeadlineTemplates templates) {
    this.settings = settings;
    this.templates = templates;
    this.baselineByTone =
        Arrays.stream(Tone.values())
            .collect(
                Collectors.toMap(
                    t -> t,
                    t -> templates.baseline().stream().filter(x -> x.tone() == t).toList()));
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
      HeadlineTemplates.Burst spike = templates.bursts().get(settings.spikeTopic());
      Duration end = settings.spikeStart().plus(settings.spikeLength());
      for (Duration at : arrivals(burst, settings.spikeStart(), end, settings.spikePerMinute())) {
        out.add(draw(burst, spike.templates(), spike.codas(), at, true, fingerprints));
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

  private List<Template> baselineOfTone(Tone tone) {
    return baselineByTone.get(tone);
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
    if (t.needsCompany()) {
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
      Matcher m = Slot.PATTERN.matcher(pattern);
      StringBuilder sb = new StringBuilder();
      while (m.find()) {
        Slot slot =
            Slot.of(m.group(1))
                .orElseThrow(() -> new IllegalStateException("unchecked slot " + m.group()));
        m.appendReplacement(sb, Matcher.quoteReplacement(value(slot)));
      }
      m.appendTail(sb);
      return sb.toString();
    }

    private String value(Slot slot) {
      return switch (slot) {
        case CO -> co.name();
        case TK -> co.ticker();
        case CASHTAG -> "$" + co.ticker();
        case PCT -> oneDecimal(1.2, 7.9);
        case SMALLPCT -> oneDecimal(0.1, 0.4);
        case BIGPCT -> Integer.toString(8 + rng.nextInt(24));
        case EPS -> money(0.4, 3.9);
        case EPS_LOW -> money(0.05, 0.9);
        case EPS_EST -> money(0.95, 2.5);
        case DIV -> money(0.12, 1.1);
        case AMOUNT -> amount();
        case OIL -> "$" + (52 + rng.nextInt(14));
        case PASTYEAR -> Integer.toString(2015 + rng.nextInt(7));
        case Q -> QUARTERS.get(rng.nextInt(QUARTERS.size()));
        case QS -> "Q" + (1 + rng.nextInt(4));
        case Q2 ->
            "the " + QUARTERS.get(rng.nextInt(QUARTERS.size())).replace("-quarter", " quarter");
        case WEEKDAY -> WEEKDAYS.get(rng.nextInt(WEEKDAYS.size()));
        case MONTH -> Month.of(1 + rng.nextInt(12)).getDisplayName(TextStyle.FULL, Locale.ENGLISH);
        case WEEKS -> Integer.toString(4 + rng.nextInt(20));
        case FIRM -> FIRMS.get(rng.nextInt(FIRMS.size()));
        case FEDNAME -> FED_NAMES.get(rng.nextInt(FED_NAMES.size()));
        case REGION -> REGIONS.get(rng.nextInt(REGIONS.size()));
        case CITY -> CITIES.get(rng.nextInt(CITIES.size()));
        case COUNT -> String.format(Locale.ROOT, "%,d", (1 + rng.nextInt(40)) * 250);
        case NTH -> NTH.get(rng.nextInt(NTH.size()));
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
