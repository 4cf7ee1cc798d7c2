package com.finpulse.ingest.simulate;

import com.finpulse.common.config.Validated;
import com.finpulse.common.config.Validation;
import com.finpulse.common.event.FinancialTopics;
import com.finpulse.ingest.config.SimulateSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * {@code headline-templates.yml} as written: named lead sets, the background headlines and the
 * bursts of bad news by spike topic. {@link #validate} checks every entry against the code's facts
 * (the topic names of {@link FinancialTopics}, the tones, sectors and slots, the spike topics of
 * {@link SimulateSettings}), so a bad entry is reported with its line when the simulator starts.
 */
record TemplateFile(
    Map<String, List<String>> leads, List<BaselineEntry> baseline, Map<String, SpikeEntry> spikes)
    implements Validated {

  /** One background headline. */
  record BaselineEntry(String headline, String topic, String tone, String sectors, String leads) {}

  /** The burst of one spike topic: every headline negative, on one topic, with one lead set. */
  record SpikeEntry(
      String topic, String leads, List<String> codas, List<SpikeHeadline> headlines) {}

  /** One burst headline. */
  record SpikeHeadline(String headline, String sectors) {}

  @Override
  public void validate(Validation v) {
    v.check(leads != null && !leads.isEmpty(), "leads", "must name at least one lead set");
    v.check(baseline != null && !baseline.isEmpty(), "baseline", "must list headlines");
    v.check(spikes != null, "spikes", "must be set");
    if (leads == null || baseline == null || spikes == null) {
      return;
    }
    leads.forEach(
        (name, set) -> {
          v.check(set != null && !set.isEmpty(), "leads." + name, "must list sentences");
          if (set != null) {
            for (int i = 0; i < set.size(); i++) {
              slots(v, "leads." + name + "[" + i + "]", set.get(i));
            }
          }
        });
    for (Tone tone : Tone.values()) {
      v.check(
          baseline.stream().anyMatch(b -> b != null && tone.fileName().equals(b.tone())),
          "baseline",
          "has no " + tone.fileName() + " headline (the background draws every tone)");
    }
    for (int i = 0; i < baseline.size(); i++) {
      String at = "baseline[" + i + "]";
      BaselineEntry b = baseline.get(i);
      if (b == null) {
        v.check(false, at, "empty entry");
        continue;
      }
      topic(v, at + ".topic", b.topic());
      v.check(
          b.tone() != null && Tone.of(b.tone()).isPresent(),
          at + ".tone",
          "must be one of "
              + Arrays.stream(Tone.values()).map(Tone::fileName).toList()
              + ", got '"
              + b.tone()
              + "'");
      headline(v, at, b.headline(), b.sectors(), b.leads());
    }
    v.check(
        spikes.keySet().equals(SimulateSettings.SPIKE_TOPICS),
        "spikes",
        "must give the bursts of exactly the spike topics "
            + new TreeSet<>(SimulateSettings.SPIKE_TOPICS)
            + ", got "
            + new TreeSet<>(spikes.keySet()));
    spikes.forEach(
        (name, s) -> {
          String at = "spikes." + name;
          if (s == null) {
            v.check(false, at, "empty entry");
            return;
          }
          topic(v, at + ".topic", s.topic());
          v.check(s.codas() != null, at + ".codas", "must be a list (may be empty)");
          v.check(
              s.headlines() != null && !s.headlines().isEmpty(),
              at + ".headlines",
              "must list headlines");
          if (s.headlines() != null) {
            for (int i = 0; i < s.headlines().size(); i++) {
              SpikeHeadline h = s.headlines().get(i);
              String hAt = at + ".headlines[" + i + "]";
              if (h == null) {
                v.check(false, hAt, "empty entry");
              } else {
                headline(v, hAt, h.headline(), h.sectors(), s.leads());
              }
            }
          }
        });
  }

  private void headline(Validation v, String at, String pattern, String sectors, String leadSet) {
    v.notBlank(pattern, at + ".headline");
    Optional<List<Company.Sector>> parsed = sectors(sectors);
    v.check(
        parsed.isPresent(),
        at + ".sectors",
        "must be any, none or a comma-separated list of "
            + Arrays.stream(Company.Sector.values()).map(TemplateFile::sectorName).toList()
            + ", got '"
            + sectors
            + "'");
    v.check(
        leadSet != null && leads.containsKey(leadSet),
        at + ".leads",
        "no lead set '" + leadSet + "' under leads (known: " + new TreeSet<>(leads.keySet()) + ")");
    if (pattern == null) {
      return;
    }
    slots(v, at + ".headline", pattern);
    if (parsed.isEmpty()) {
      return;
    }
    boolean company = !parsed.get().isEmpty();
    v.check(
        company == Slot.anyNeedsCompany(pattern),
        at + ".sectors",
        company
            ? "names sectors, but the headline has no {co}, {tk} or {cashtag} to fill"
            : "is none, but the headline has a company slot ({co}, {tk} or {cashtag})");
    List<String> set = leadSet == null ? null : leads.get(leadSet);
    if (!company && set != null) {
      v.check(
          set.stream().noneMatch(l -> l != null && Slot.anyNeedsCompany(l)),
          at + ".leads",
          "lead set '" + leadSet + "' has company slots, but the headline is about no company");
    }
  }

  private static void slots(Validation v, String at, String text) {
    if (text == null) {
      v.check(false, at, "must not be empty");
      return;
    }
    for (String name : Slot.namesIn(text)) {
      v.check(
          Slot.of(name).isPresent(),
          at,
          "unknown slot {"
              + name
              + "} (known: "
              + Arrays.stream(Slot.values()).map(Slot::slotName).toList()
              + ")");
    }
  }

  private static void topic(Validation v, String at, String topic) {
    boolean known = topic != null && FinancialTopics.NAMES.contains(topic);
    Optional<String> spelled = topic == null ? Optional.empty() : FinancialTopics.canonical(topic);
    v.check(
        known,
        at,
        spelled.isPresent()
            ? "write the topic as FinancialTopics spells it: '" + spelled.get() + "'"
            : "unknown topic '" + topic + "' (FinancialTopics: " + FinancialTopics.NAMES + ")");
  }

  /** {@code any}, {@code none} or a comma-separated list of sector names. */
  static Optional<List<Company.Sector>> sectors(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String t = text.strip();
    if (t.equals("any")) {
      return Optional.of(List.of(Company.Sector.values()));
    }
    if (t.equals("none")) {
      return Optional.of(List.of());
    }
    List<Company.Sector> out = new ArrayList<>();
    for (String part : t.split(",", -1)) {
      Optional<Company.Sector> s =
          Arrays.stream(Company.Sector.values())
              .filter(x -> sectorName(x).equals(part.strip()))
              .findFirst();
      if (s.isEmpty()) {
        return Optional.empty();
      }
      out.add(s.get());
    }
    return Optional.of(List.copyOf(out));
  }

  private static String sectorName(Company.Sector s) {
    return s.name().toLowerCase(Locale.ROOT);
  }

  /** The checked file as the generator uses it. */
  HeadlineTemplates toTemplates() {
    List<Template> background =
        baseline.stream()
            .map(
                b ->
                    new Template(
                        b.topic(),
                        Tone.of(b.tone()).orElseThrow(),
                        sectors(b.sectors()).orElseThrow(),
                        b.headline(),
                        leads.get(b.leads())))
            .toList();
    Map<String, HeadlineTemplates.Burst> bursts =
        spikes.entrySet().stream()
            .collect(
                java.util.stream.Collectors.toUnmodifiableMap(
                    Map.Entry::getKey, e -> burst(e.getValue())));
    return new HeadlineTemplates(background, bursts);
  }

  private HeadlineTemplates.Burst burst(SpikeEntry s) {
    List<Template> templates =
        s.headlines().stream()
            .map(
                h ->
                    new Template(
                        s.topic(),
                        Tone.NEGATIVE,
                        sectors(h.sectors()).orElseThrow(),
                        h.headline(),
                        leads.get(s.leads())))
            .toList();
    return new HeadlineTemplates.Burst(templates, s.codas());
  }
}
