package com.finpulse.ingest.source;

import com.finpulse.ingest.testing.LoopbackServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Live sources polled against a loopback server, each test with fresh state and a fresh sink. */
abstract class LoopbackSourceTest {

  @TempDir Path state;
  LoopbackServer server;
  SourceHarness harness;
  RecordingSink sink;

  @BeforeEach
  void startServer() {
    server = new LoopbackServer();
    harness = new SourceHarness(state);
    sink = new RecordingSink();
  }

  @AfterEach
  void stopServer() {
    harness.close();
    server.close();
  }
}
