package com.finpulse.ingest.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.finpulse.common.event.NewsArticle;
import com.finpulse.common.serde.JsonCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Articles Kafka refused for good (not the broker being down: that is waited out), one JSON line
 * each with the reason, in {@code undeliverable.jsonl} of the state directory, so none is lost
 * silently. The log names the file.
 */
final class UndeliverableLog {

  private static final Logger LOG = LoggerFactory.getLogger(UndeliverableLog.class);
  static final String FILE = "undeliverable.jsonl";

  private final @Nullable Path file;

  UndeliverableLog(@Nullable Path dir) {
    this.file = dir == null ? null : dir.resolve(FILE);
  }

  synchronized void write(NewsArticle article, Exception cause) {
    ObjectNode line = JsonCodec.mapper().createObjectNode();
    line.put("failed_at", Instant.now().toString());
    line.put("error", String.valueOf(cause));
    line.set("article", JsonCodec.mapper().valueToTree(article));
    if (file == null) {
      LOG.error("Undeliverable article (no state directory to keep it in): {}", line);
      return;
    }
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(
          file,
          JsonCodec.mapper().writeValueAsString(line) + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      LOG.error("Cannot keep undeliverable article in {} ({}): {}", file, e.getMessage(), line);
    }
  }

  @Nullable Path file() {
    return file;
  }
}
