package com.finpulse.model.train;

import com.finpulse.model.bert.LoraConfig;
import com.finpulse.model.bert.LoraTarget;
import com.finpulse.model.bundle.ModelBundle;
import com.finpulse.model.bundle.ModelManifest;
import com.finpulse.model.task.MultiTaskNetwork;
import com.finpulse.model.task.Task;
import com.finpulse.model.weights.LoadedEncoder;
import com.finpulse.model.weights.Tensor;
import com.finpulse.model.weights.WeightsException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Starts training from a trained model instead of fresh adapters and heads: its LoRA adapters,
 * trained encoder parameters and the heads of the tasks it has are loaded into the new network. The
 * parent must be trained on the same base (sha256) with the same adapter shape; a task it lacks
 * (e.g. the entity head of a model trained before it existed) keeps its fresh initialisation.
 */
public final class WarmStart {

  private WarmStart() {}

  /** Loads {@code parentDir} into {@code net}; returns the tasks whose heads came from it. */
  public static Set<Task> apply(Path parentDir, MultiTaskNetwork net, LoadedEncoder base) {
    ModelManifest parent = ModelBundle.readManifest(parentDir);
    String where = parentDir.resolve(ModelBundle.MANIFEST).toString();
    if (!base.sha256().equals(parent.base().sha256())) {
      throw new WeightsException(
          where
              + ": trained on base sha256 "
              + parent.base().sha256()
              + ", not on "
              + base.baseId());
    }
    LoraConfig lora = net.encoder().lora();
    boolean sameShape =
        parent.lora() == null
            ? lora == null
            : lora != null
                && parent.lora().rank() == lora.rank()
                && LoraTarget.parse(parent.lora().targets()).equals(lora.targets());
    if (!sameShape) {
      throw new WeightsException(
          where
              + ": its adapters ("
              + (parent.lora() == null
                  ? "full fine-tune"
                  : parent.lora().targets() + " r" + parent.lora().rank())
              + ") differ from this run's; train with the same --lora-rank and --lora-targets");
    }
    for (Task t : net.tasks()) {
      java.util.List<String> parentLabels = parent.labels().get(t.id());
      if (parentLabels != null && !parentLabels.equals(net.labels(t))) {
        throw new WeightsException(where + ": labels of " + t.id() + " differ from this run's");
      }
    }
    Map<String, Tensor> tensors = ModelBundle.readWeights(parentDir, parent);
    String src = parentDir.toString();
    ModelBundle.loadEncoderTensors(net.encoder(), tensors, src);
    return net.loadAvailableHeads(tensors, src);
  }
}
