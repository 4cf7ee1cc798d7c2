package com.finpulse.ingest.config;

import com.finpulse.common.config.ConfigLoader;
import com.finpulse.common.config.KafkaSettings;
import com.finpulse.common.config.Validated;
import com.finpulse.common.config.Validation;
import com.finpulse.common.metrics.MetricsSettings;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The ingest service's configuration: {@code ingest.yml} in the jar, overlaid by the user's file.
 *
 * @param watchlist company names (as they appear in text) to ticker symbols, for ticker finding
 * @param stateDir where ingest keeps what must survive a restart (sent-article journal, HTTP
 *     validators); empty means the launcher's state directory for the service
 */
public record IngestConfig(
    KafkaSettings kafka,
    MetricsSettings metrics,
    HttpSettings http,
    PolitenessSettings politeness,
    DedupSettings dedup,
    ProducerSettings producer,
    ReplaySettings replay,
    SimulateSettings simulate,
    @Nullable String stateDir,
    Map<String, String> watchlist,
    List<SourceSettings> sources)
    implements Validated {

  public static final String FILE_NAME = "ingest.yml";

  public IngestConfig {
    watchlist = watchlist == null ? Map.of() : Map.copyOf(watchlist);
    sources = sources == null ? List.of() : List.copyOf(sources);
    stateDir = stateDir == null || stateDir.isBlank() ? null : stateDir;
  }

  /** The shipped defaults overlaid by {@code userFile} (may be null). */
  public static IngestConfig load(ConfigLoader loader, @Nullable Path userFile) {
    return loader.load(IngestConfig.class, FILE_NAME, userFile);
  }

  public List<SourceSettings> enabledSources() {
    return sources.stream().filter(SourceSettings::enabled).toList();
  }

  @Override
  public void validate(Validation v) {
    v.nested("kafka", kafka)
        .nested("metrics", metrics)
        .nested("http", http)
        .nested("politeness", politeness)
        .nested("dedup", dedup)
        .nested("producer", producer)
        .nested("replay", replay)
        .nested("simulate", simulate)
        .each("sources", sources);
    Set<String> names = new HashSet<>();
    for (int i = 0; i < sources.size(); i++) {
      String name = sources.get(i).name();
      v.check(
          name == null || names.add(name),
          "sources[" + i + "].name",
          "'" + name + "' is used twice");
    }
    watchlist.forEach(
        (company, ticker) ->
            v.check(
                ticker != null && ticker.matches("[A-Z0-9.\\-]{1,12}"),
                "watchlist",
                "'" + company + "' maps to '" + ticker + "', not an upper-case symbol"));
  }
}
