package com.finpulse.ingest.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.finpulse.common.config.ConfigException;
import com.finpulse.common.event.FinancialTopics;
import com.finpulse.ingest.config.SimulateSettings;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeadlineTemplatesTest {

  @Test
  void shippedTemplatesLoadWithTopicsFromFinancialTopics() {
    HeadlineTemplates t = HeadlineTemplates.load();
    assertThat(t.baseline()).hasSizeGreaterThan(50);
    assertThat(t.bursts().keySet()).isEqualTo(SimulateSettings.SPIKE_TOPICS);
    List<Template> all = new ArrayList<>(t.baseline());
    t.bursts().values().forEach(b -> all.addAll(b.templates()));
    assertThat(all)
        .allSatisfy(x -> assertThat(FinancialTopics.NAMES).contains(x.topic()))
        .allSatisfy(x -> assertThat(x.needsCompany()).isEqualTo(!x.sectors().isEmpty()))
        .allSatisfy(x -> assertThat(x.leads()).isNotEmpty());
    assertThat(t.bursts().values())
        .allSatisfy(b -> assertThat(b.templates()).allMatch(x -> x.tone() == Tone.NEGATIVE));
  }

  @Test
  void everyBadEntryIsReportedWithFileAndLine() {
    String file = "classpath:com/finpulse/ingest/simulate/broken-templates.yml";
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () -> HeadlineTemplates.load("com/finpulse/ingest/simulate/broken-templates.yml"));
    assertThat(e.problems())
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith(file + ":14: baseline[1].topic: unknown topic 'Earning'")
                    .contains("Stock Movement"))
        .contains(
            file
                + ":19: baseline[2].topic: write the topic as FinancialTopics spells it:"
                + " 'Markets'")
        .anySatisfy(
            p -> assertThat(p).startsWith(file + ":23: baseline[3].headline: unknown slot {lots}"))
        .anySatisfy(
            p ->
                assertThat(p).startsWith(file + ":25: baseline[3].tone: must be one of [positive,"))
        .anySatisfy(p -> assertThat(p).startsWith(file + ":26: baseline[3].sectors: must be any,"))
        .contains(
            file
                + ":31: baseline[4].sectors: names sectors, but the headline has no {co}, {tk} or"
                + " {cashtag} to fill")
        .anySatisfy(
            p -> assertThat(p).startsWith(file + ":32: baseline[4].leads: no lead set 'gossip'"))
        .contains(
            file
                + ":37: baseline[5].leads: lead set 'macro' has company slots, but the headline"
                + " is about no company")
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith(file + ":38: spikes: must give the bursts of exactly the spike"))
        .contains(
            file
                + ":45: spikes.energy.headlines[0].sectors: is none, but the headline has a"
                + " company slot ({co}, {tk} or {cashtag})");
  }
}
