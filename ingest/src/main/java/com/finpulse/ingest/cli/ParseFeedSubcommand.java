package com.finpulse.ingest.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.finpulse.common.cli.CliArgs;
import com.finpulse.common.cli.UsageException;
import com.finpulse.common.serde.JsonCodec;
import com.finpulse.ingest.feed.FeedDocuments;
import com.finpulse.ingest.feed.FeedItem;
import com.finpulse.ingest.feed.FeedParseException;
import com.finpulse.ingest.feed.ParsedFeed;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * {@code ./finpulse ingest parse-feed FILE…}: one JSON line per item of each feed (RSS 2.0, RSS
 * 1.0, Atom, news sitemap, SEC EDGAR feed or page): {@code file, title, link, published, summary,
 * guid}.
 */
public final class ParseFeedSubcommand implements IngestSubcommand {

  @Override
  public String name() {
    return "parse-feed";
  }

  @Override
  public String summary() {
    return "print the items of feed files as JSON lines (RSS, RDF, Atom, news sitemap, EDGAR)";
  }

  static String usage() {
    return """
        Usage: ./finpulse ingest parse-feed FILE...

          Reads each file (.gz accepted) as RSS 2.0, RSS 1.0 (RDF), Atom, a news sitemap or an
          SEC EDGAR feed/page, and prints one JSON line per item on stdout:
            {"file":...,"title":...,"link":...,"published":ISO-8601|null,"summary":...,"guid":...}
          Unreadable files are reported on stderr (exit status 1); the other files are printed.
        """;
  }

  @Override
  public int run(String[] argv, PrintStream out, PrintStream err) throws IOException {
    CliArgs args = CliArgs.parse(argv, Set.of("help"));
    if (args.flag("help")) {
      out.print(usage());
      return 0;
    }
    args.rejectUnknown();
    List<String> files = args.positional();
    if (files.isEmpty()) {
      throw new UsageException("name at least one feed file");
    }
    int failed = 0;
    for (String f : files) {
      Path path = Path.of(f);
      byte[] bytes;
      try {
        bytes = read(path);
      } catch (IOException e) {
        err.println("finpulse ingest parse-feed: " + f + ": cannot read (" + e.getMessage() + ")");
        failed++;
        continue;
      }
      ParsedFeed feed;
      try {
        feed = FeedDocuments.parse(bytes, null, null, null);
      } catch (FeedParseException e) {
        err.println("finpulse ingest parse-feed: " + f + ": " + e.getMessage());
        failed++;
        continue;
      }
      if (!feed.problems().isEmpty()) {
        err.println(
            "finpulse ingest parse-feed: "
                + f
                + ": not well-formed XML ("
                + feed.problems().get(0)
                + "); printing the "
                + feed.items().size()
                + " item(s) read anyway");
      }
      for (FeedItem item : feed.items()) {
        out.println(JsonCodec.mapper().writeValueAsString(line(f, item)));
      }
    }
    out.flush();
    return failed == 0 ? 0 : 1;
  }

  static ObjectNode line(String file, FeedItem item) {
    ObjectNode n = JsonCodec.mapper().createObjectNode();
    n.put("file", file);
    n.put("title", item.title());
    n.put("link", item.link());
    n.put("published", item.published() == null ? null : item.published().toString());
    n.put("summary", item.summary());
    n.put("guid", item.guid());
    return n;
  }

  private static byte[] read(Path path) throws IOException {
    try (InputStream in = Files.newInputStream(path)) {
      byte[] head = in.readNBytes(2);
      byte[] rest = in.readAllBytes();
      byte[] all = new byte[head.length + rest.length];
      System.arraycopy(head, 0, all, 0, head.length);
      System.arraycopy(rest, 0, all, head.length, rest.length);
      if (head.length == 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
        try (GZIPInputStream gz = new GZIPInputStream(new java.io.ByteArrayInputStream(all))) {
          return gz.readAllBytes();
        }
      }
      return all;
    }
  }
}
