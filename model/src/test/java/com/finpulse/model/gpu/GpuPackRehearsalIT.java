package com.finpulse.model.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The GPU check's pack-and-run, rehearsed on CPU in fast mode (a tiny model, a few headlines):
 * {@code tools/gpu/pack.sh --fast} then {@code run.sh --cpu-rehearsal}. Runs after {@code package}
 * (it packs the module's jar and {@code target/runtime-classpath.txt}), so that a change that
 * breaks the scripts, the harness or the classifier path they use fails the build here rather than
 * the one short run on a GPU host. About a minute; needs python3 with numpy (skipped without).
 */
class GpuPackRehearsalIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void packsAndRunsEveryStepOnCpu() throws Exception {
    Path root = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();
    assertThat(root.resolve("tools/gpu/pack.sh")).exists();
    assumeTrue(
        exitCode(List.of("python3", "-c", "import numpy"), root) == 0,
        "python3 with numpy is needed to rehearse the GPU check");
    String shared = System.getProperty("finpulse.shared.dir");
    assertThat(shared).as("finpulse.shared.dir (failsafe sets it)").isNotNull();
    Path work = root.resolve("model/target/gpu-pack-it");
    Path pack = work.resolve("pack");
    Path results = work.resolve("results");
    Files.createDirectories(work);

    List<String> env = new ArrayList<>();
    env.add("JDK=" + System.getProperty("java.home"));
    env.add("FINPULSE_SHARED_DIR=" + shared);
    run(
        List.of("bash", "tools/gpu/pack.sh", "--fast", pack.toString()),
        root,
        env,
        work.resolve("pack.log"),
        600);
    assertThat(pack.resolve("SHA256SUMS")).exists();
    assertThat(pack.resolve("run.sh")).exists();
    assertThat(pack.resolve("lib"))
        .isDirectoryNotContaining("glob:**/pytorch-native-*")
        .isDirectoryNotContaining("glob:**/langchain4j-embeddings-*")
        .isDirectoryContaining("glob:**/finpulse-model-*.jar");

    run(
        List.of(
            "bash",
            pack.resolve("run.sh").toString(),
            "--cpu-rehearsal",
            "--limit",
            "24",
            results.toString()),
        root,
        env,
        work.resolve("run.log"),
        600);
    JsonNode g = JSON.readTree(results.resolve("gpu.json").toFile());
    assertThat(g.path("ok").asBoolean()).as("gpu.json ok: %s", g.path("steps")).isTrue();
    List<String> ran = new ArrayList<>();
    for (JsonNode s : g.path("steps")) {
      if (s.path("status").asText().equals("ok")) {
        ran.add(s.path("step").asText());
      }
    }
    assertThat(ran)
        .contains("checksums", "runtime", "base", "libtorch", "model", "java", "training");
    assertThat(g.path("training").path("target_met").asBoolean())
        .as("LoRA losses, CPU against the device: %s", g.path("training"))
        .isTrue();
    assertThat(g.path("java_timing_model_only").has("1024")).isTrue();
    assertThat(g.path("parity").size()).isGreaterThanOrEqualTo(2);
    assertThat(g.path("bad_inputs").path("ok").asBoolean()).isTrue();
    assertThat(g.path("oversize_batch").path("ok").asBoolean()).isTrue();
    assertThat(g.path("java_timing").has("256")).isTrue();
    assertThat(g.path("java_timing").has("1024")).isTrue();
    assertThat(g.path("java_timing").has("4096")).isTrue();
    List<String> log = Files.readAllLines(results.resolve("run.log"));
    assertThat(log.get(log.size() - 1)).startsWith("RATIO Java/PyTorch");
  }

  private static int exitCode(List<String> cmd, Path dir) {
    try {
      Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
      p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
      return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static void run(List<String> cmd, Path dir, List<String> env, Path log, int seconds)
      throws Exception {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    for (String kv : env) {
      int eq = kv.indexOf('=');
      pb.environment().put(kv.substring(0, eq), kv.substring(eq + 1));
    }
    Process p = pb.start();
    boolean done = p.waitFor(seconds, TimeUnit.SECONDS);
    if (!done) {
      p.descendants().forEach(ProcessHandle::destroy);
      p.destroy();
    }
    List<String> lines = Files.readAllLines(log);
    String tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    assertThat(done).as("%s timed out after %d s; log %s:\n%s", cmd, seconds, log, tail).isTrue();
    assertThat(p.exitValue()).as("%s failed; log %s:\n%s", cmd, log, tail).isZero();
  }
}
