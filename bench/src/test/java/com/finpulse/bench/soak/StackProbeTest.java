package com.finpulse.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackProbeTest {

  @Test
  void gcTimeHeapCommittedAndOldGenUsedComeFromJstat() throws IOException {
    String jdk25 =
        "    S0C         S1C         S0U         S1U          EC           EU           OC     "
            + "      OU          MC         MU       CCSC      CCSU     YGC     YGCT     FGC    FGCT"
            + "     CGC    CGCT       GCT   \n"
            + "        0.0      4096.0         0.0      4042.6      36864.0      12288.0    "
            + " 851968.0      71351.9    30336.0    29889.7    3584.0    3396.3     19     2.071    "
            + " 0     0.000     2     0.017     2.088\n";
    StackProbe.JvmGc gc = StackProbe.parseJvmGc(jdk25, 42);
    assertThat(gc.gcMillis()).isEqualTo(2088.0);
    // S0C + S1C + EC + OC = 0 + 4096 + 36864 + 851968 KiB
    assertThat(gc.heapCommittedBytes()).isEqualTo(892_928L * 1024);
    assertThat(gc.oldUsedBytes()).isEqualTo(Math.round(71351.9 * 1024));
    // a locale with a decimal comma
    StackProbe.JvmGc comma =
        StackProbe.parseJvmGc("S0C S1C EC OC OU GCT\n0 1,5 2 3 0,5 1,25\n", 42);
    assertThat(comma.gcMillis()).isEqualTo(1250.0);
    assertThat(comma.heapCommittedBytes()).isEqualTo(6656L);
  }

  @Test
  void jstatOutputWithoutItsColumnsIsAClearError() {
    assertThatThrownBy(() -> StackProbe.parseJvmGc("42 not found\n", 42))
        .isInstanceOf(IOException.class)
        .hasMessage("unexpected output of jstat -gc 42: 42 not found");
    assertThatThrownBy(() -> StackProbe.parseJvmGc("YGC YGCT GCT\n3 0.5 1.25\n", 42))
        .isInstanceOf(IOException.class)
        .hasMessage("unexpected output of jstat -gc 42: YGC YGCT GCT");
  }

  @Test
  void changelogBytesCountTheSegmentsOfChangelogPartitionsOnly(@TempDir Path logs)
      throws IOException {
    Path changelog = Files.createDirectories(logs.resolve("app-store-changelog-0"));
    Files.write(changelog.resolve("00000000000000000000.log"), new byte[700]);
    Files.write(changelog.resolve("00000000000000000000.index"), new byte[10_000]);
    Path raw = Files.createDirectories(logs.resolve("news.raw-0"));
    Files.write(raw.resolve("00000000000000000000.log"), new byte[5_000]);

    assertThat(StackProbe.changelogBytes(logs)).isEqualTo(700);
    assertThat(StackProbe.bytesUnder(logs)).isEqualTo(15_700);
    assertThat(StackProbe.bytesUnder(logs.resolve("missing"))).isZero();
  }
}
