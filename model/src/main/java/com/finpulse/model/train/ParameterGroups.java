package com.finpulse.model.train;

import ai.djl.ndarray.NDArray;
import com.finpulse.model.task.MultiTaskNetwork;
import com.finpulse.model.task.Task;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What training updates: the encoder's trained parameters (LoRA A and B, plus the LayerNorms if
 * asked; every parameter for a full fine-tune) shared by all tasks, and each task's head at its own
 * learning-rate scale. Building it marks every one of them as needing a gradient.
 *
 * @param perTask the parameters one step of a task's batch updates (the encoder's, then the head's)
 * @param savedEncoderParameters encoder parameters written with the model besides the adapters
 * @param all every trained parameter by name, for checkpoints
 * @param count number of trainable values
 */
public record ParameterGroups(
    Map<Task, List<AdamW.Param>> perTask,
    List<String> savedEncoderParameters,
    Map<String, NDArray> all,
    long count) {

  /**
   * @param headLrScale the heads' learning rate as a multiple of the encoder's
   */
  public static ParameterGroups of(
      MultiTaskNetwork net, boolean fullFineTune, boolean trainLayerNorms, double headLrScale) {
    List<AdamW.Param> encoder = new ArrayList<>();
    List<String> saved = new ArrayList<>();
    if (fullFineTune) {
      net.encoder()
          .parameters()
          .forEach(
              (n, a) -> {
                encoder.add(
                    new AdamW.Param(n, a, 1.0, !n.contains("LayerNorm") && !n.endsWith(".bias")));
                saved.add(n);
              });
    } else {
      net.encoder()
          .adapters()
          .forEach(
              (module, ad) -> {
                encoder.add(new AdamW.Param(module + ".lora_A.weight", ad.a(), 1.0, true));
                encoder.add(new AdamW.Param(module + ".lora_B.weight", ad.b(), 1.0, true));
              });
      if (trainLayerNorms) {
        for (String n : net.encoder().layerNormParameterNames()) {
          encoder.add(new AdamW.Param(n, net.encoder().parameters().get(n), 1.0, false));
          saved.add(n);
        }
      }
    }
    long count = 0;
    for (AdamW.Param p : encoder) {
      count += p.value().size();
    }
    Map<Task, List<AdamW.Param>> perTask = new EnumMap<>(Task.class);
    for (Task t : net.tasks()) {
      List<AdamW.Param> ps = new ArrayList<>(encoder);
      for (Map.Entry<String, NDArray> h : net.headParameters(t).entrySet()) {
        ps.add(
            new AdamW.Param(h.getKey(), h.getValue(), headLrScale, h.getKey().endsWith(".weight")));
        count += h.getValue().size();
      }
      perTask.put(t, ps);
    }
    Map<String, NDArray> all = new LinkedHashMap<>();
    for (List<AdamW.Param> ps : perTask.values()) {
      for (AdamW.Param p : ps) {
        p.value().setRequiresGradient(true);
        all.put(p.name(), p.value());
      }
    }
    return new ParameterGroups(perTask, List.copyOf(saved), all, count);
  }

  /** Every trained parameter once, for restoring the optimizer's state from a checkpoint. */
  public List<AdamW.Param> allAsParams() {
    List<AdamW.Param> out = new ArrayList<>();
    all.forEach((n, a) -> out.add(new AdamW.Param(n, a, 1, false)));
    return out;
  }
}
