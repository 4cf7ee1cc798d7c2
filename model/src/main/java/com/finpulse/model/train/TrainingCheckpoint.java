package com.finpulse.model.train;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.finpulse.common.registry.TrainingReport;
import com.finpulse.model.bert.BertEncoder;
import com.finpulse.model.bundle.ModelBundle;
import com.finpulse.model.weights.Safetensors;
import com.finpulse.model.weights.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code --resume} needs to go on after the last finished epoch: every trained parameter as it
 * stands (not only the best epoch's), the optimizer's moments and step counters, and the run's
 * progress (epoch, step, best score, epoch reports). Written after every epoch into {@code
 * <out>/.resume/}; the files are replaced atomically, the state last, so an interrupted write
 * leaves the previous epoch's checkpoint readable. The data order needs no saving: the epoch plans
 * come from the seeded generator, which a resumed run advances through the finished epochs again.
 *
 * @param fingerprint hash of the data and the hyper-parameters; a resume with anything else refuses
 * @param epochs the dev figures of every finished epoch, as in {@code model.json}
 */
public record TrainingCheckpoint(
    int epoch,
    long step,
    long appliedSteps,
    long skippedSteps,
    double best,
    int bestEpoch,
    int sinceBest,
    double secondsSoFar,
    String fingerprint,
    List<TrainingReport.Epoch> epochs) {

  static final String DIR = ".resume";
  private static final String STATE = "state.json";
  private static final String PARAMS = "params.safetensors";
  private static final String OPTIMIZER = "optimizer.safetensors";

  /** Writes the checkpoint of a finished epoch. */
  void save(Path out, Map<String, ai.djl.ndarray.NDArray> params, AdamW opt) {
    Path dir = out.resolve(DIR);
    try {
      Files.createDirectories(dir);
      Map<String, Tensor> values = new LinkedHashMap<>();
      params.forEach((n, a) -> values.put(n, BertEncoder.toTensor(a)));
      writeAtomically(dir.resolve(PARAMS), values);
      writeAtomically(dir.resolve(OPTIMIZER), opt.momentTensors());
      ObjectNode state = ModelBundle.json().valueToTree(this);
      Path tmp = dir.resolve(STATE + ".tmp");
      ModelBundle.json().writeValue(tmp.toFile(), state);
      Files.move(
          tmp,
          dir.resolve(STATE),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the resume checkpoint in " + dir, e);
    }
  }

  private static void writeAtomically(Path file, Map<String, Tensor> tensors) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Safetensors.write(tmp, tensors, Map.of("format", "pt", "producer", "finpulse"));
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** The checkpoint in {@code out}, if a run left one. */
  static Optional<TrainingCheckpoint> find(Path out) {
    Path state = out.resolve(DIR).resolve(STATE);
    if (!Files.isRegularFile(state)) {
      return Optional.empty();
    }
    try {
      return Optional.of(ModelBundle.json().readValue(state.toFile(), TrainingCheckpoint.class));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the resume checkpoint " + state, e);
    }
  }

  /**
   * Loads the saved parameters into {@code net} (they have the adapter file's names and layout);
   * call before the optimizer's parameter list is built, since loading replaces the arrays.
   */
  void restoreNetwork(Path out, com.finpulse.model.task.MultiTaskNetwork net) {
    Path file = out.resolve(DIR).resolve(PARAMS);
    Map<String, Tensor> values = Safetensors.read(file).tensors();
    ModelBundle.loadEncoderTensors(net.encoder(), values, file.toString());
    net.loadHeads(values, file.toString());
  }

  /** Loads the optimizer's moments and step counters. */
  void restoreOptimizer(Path out, List<AdamW.Param> params, AdamW opt) {
    opt.restore(
        Safetensors.read(out.resolve(DIR).resolve(OPTIMIZER)).tensors(),
        params,
        appliedSteps,
        skippedSteps);
  }
}
