package com.finpulse.ingest.fetch;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.finpulse.common.serde.JsonCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ETag / Last-Modified of every feed and listing page, kept in {@code http-validators.json} so
 * conditional GETs survive a restart. A URL's validators are stored only once every item of that
 * response has been published or recognised as a duplicate: a crash in between must not turn the
 * next fetch into a 304 that hides items never sent.
 */
public final class ValidatorStore {

  private static final Logger LOG = LoggerFactory.getLogger(ValidatorStore.class);
  static final String FILE = "http-validators.json";
  private static final ObjectMapper JSON = JsonCodec.mapper();

  private final @Nullable Path file;
  private final Map<String, Validators> byUrl = new HashMap<>();

  /**
   * @param dir state directory; null keeps validators in memory only
   */
  public ValidatorStore(@Nullable Path dir) {
    this.file = dir == null ? null : dir.resolve(FILE);
    if (file != null && Files.exists(file)) {
      try {
        byUrl.putAll(
            JSON.readValue(file.toFile(), new TypeReference<Map<String, Validators>>() {}));
      } catch (IOException e) {
        LOG.warn(
            "Cannot read {} ({}); starting without conditional-GET validators (feeds are fetched"
                + " in full once)",
            file,
            e.getMessage());
      }
    }
  }

  public synchronized @Nullable Validators get(String url) {
    return byUrl.get(url);
  }

  public synchronized void put(String url, Validators v) {
    if (v.isEmpty()) {
      if (byUrl.remove(url) != null) {
        save();
      }
      return;
    }
    if (!v.equals(byUrl.put(url, v))) {
      save();
    }
  }

  private void save() {
    if (file == null) {
      return;
    }
    Path tmp = file.resolveSibling(FILE + ".tmp");
    try {
      Files.createDirectories(file.getParent());
      JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), new TreeMap<>(byUrl));
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      LOG.warn(
          "Cannot write {} ({}); conditional GETs will not survive a restart",
          file,
          e.getMessage());
    }
  }
}
