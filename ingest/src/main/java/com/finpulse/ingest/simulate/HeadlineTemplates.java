package com.finpulse.ingest.simulate;

import com.finpulse.common.config.ConfigException;
import com.finpulse.common.config.ConfigLoader;
import java.util.List;
import java.util.Map;

/**
 * The simulator's headline patterns, read from {@value #RESOURCE} and checked against the code's
 * facts when the simulator starts.
 *
 * @param baseline the steady background, in file order
 * @param bursts the negative headlines of a {@code spike}, by {@code spike_topic}
 */
record HeadlineTemplates(List<Template> baseline, Map<String, Burst> bursts) {

  static final String RESOURCE = "com/finpulse/ingest/simulate/headline-templates.yml";

  /**
   * @param codas clauses appended to some burst headlines, for variety
   */
  record Burst(List<Template> templates, List<String> codas) {
    Burst {
      templates = List.copyOf(templates);
      codas = List.copyOf(codas);
    }
  }

  HeadlineTemplates {
    baseline = List.copyOf(baseline);
    bursts = Map.copyOf(bursts);
  }

  /** The shipped templates. */
  static HeadlineTemplates load() {
    return load(RESOURCE);
  }

  /**
   * @throws ConfigException naming the file and line of every bad entry
   */
  static HeadlineTemplates load(String resource) {
    // No environment: a template's text is taken as written.
    return new ConfigLoader(Map.of()).load(TemplateFile.class, resource, null).toTemplates();
  }
}
