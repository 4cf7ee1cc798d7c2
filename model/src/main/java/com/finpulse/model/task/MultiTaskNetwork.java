package com.finpulse.model.task;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.finpulse.model.bert.BertEncoder;
import com.finpulse.model.weights.Tensor;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A shared BERT encoder, one pooling, and one linear head per task. Heads live in the encoder's
 * manager; their tensors are named {@code heads.<task>.weight|bias} in adapter files.
 */
public final class MultiTaskNetwork implements AutoCloseable {

  private final BertEncoder encoder;
  private final Pooling pooling;
  private final Map<Task, List<String>> labels;
  private final Map<Task, NDArray[]> heads = new EnumMap<>(Task.class);
  private float headDropout;

  public MultiTaskNetwork(
      BertEncoder encoder, Pooling pooling, Map<Task, List<String>> labels, long seed) {
    this.encoder = encoder;
    this.pooling = pooling;
    this.labels = Map.copyOf(labels);
    Random rnd = new Random(seed ^ 0x5eed);
    int hidden = encoder.config().hiddenSize();
    NDManager m = encoder.manager();
    for (Task t : Task.values()) {
      int k = labels.get(t).size();
      float[] w = new float[k * hidden];
      for (int i = 0; i < w.length; i++) {
        w[i] = (float) (rnd.nextGaussian() * 0.02);
      }
      heads.put(
          t,
          new NDArray[] {m.create(w, new Shape(k, hidden)), m.create(new float[k], new Shape(k))});
    }
  }

  public BertEncoder encoder() {
    return encoder;
  }

  public Pooling pooling() {
    return pooling;
  }

  public List<String> labels(Task task) {
    return labels.get(task);
  }

  public void setHeadDropout(float rate) {
    this.headDropout = rate;
  }

  /** Pooled sentence vectors [B, H] in the batch's manager. */
  public NDArray pooled(NDArray ids, NDArray typeIds, NDArray mask, boolean training) {
    NDArray pooled = pooling.pool(encoder.forward(ids, typeIds, mask, training), mask);
    if (training && headDropout > 0) {
      pooled = pooled.getNDArrayInternal().dropout(pooled, headDropout, true).singletonOrThrow();
    }
    return pooled;
  }

  /** Logits [B, K] of one task's head. */
  public NDArray logits(Task task, NDArray pooled) {
    NDArray[] h = heads.get(task);
    return pooled.getNDArrayInternal().linear(pooled, h[0], h[1]).singletonOrThrow();
  }

  /** Head parameters by name, for the optimizer. */
  public Map<String, NDArray> headParameters(Task task) {
    Map<String, NDArray> out = new LinkedHashMap<>();
    out.put("heads." + task.id() + ".weight", heads.get(task)[0]);
    out.put("heads." + task.id() + ".bias", heads.get(task)[1]);
    return out;
  }

  /** Head tensors for an adapter file. */
  public Map<String, Tensor> headTensors() {
    Map<String, Tensor> out = new LinkedHashMap<>();
    for (Task t : Task.values()) {
      headParameters(t).forEach((n, a) -> out.put(n, BertEncoder.toTensor(a)));
    }
    return out;
  }

  /** Loads head tensors; fails naming the head that is missing or mis-shaped. */
  public void loadHeads(Map<String, Tensor> tensors, String source) {
    for (Task t : Task.values()) {
      NDArray[] h = heads.get(t);
      for (int i = 0; i < 2; i++) {
        String name = "heads." + t.id() + (i == 0 ? ".weight" : ".bias");
        Tensor v = tensors.get(name);
        if (v == null) {
          throw new com.finpulse.model.weights.WeightsException(source + ": missing " + name);
        }
        if (!h[i].getShape().equals(new Shape(v.shape()))) {
          throw new com.finpulse.model.weights.WeightsException(
              source
                  + ": "
                  + name
                  + " has shape "
                  + v.shapeString()
                  + ", the model needs "
                  + h[i].getShape());
        }
        NDArray old = h[i];
        h[i] = encoder.manager().create(v.data(), new Shape(v.shape()));
        old.close();
      }
    }
  }

  /** Casts the heads as {@link BertEncoder#prepareForInference} casts the encoder. */
  public void castHeads(DataType type) {
    if (type == DataType.FLOAT32) {
      return;
    }
    for (NDArray[] h : heads.values()) {
      for (int i = 0; i < 2; i++) {
        NDArray cast = h[i].toType(type, false);
        h[i].close();
        h[i] = cast;
      }
    }
  }

  @Override
  public void close() {
    encoder.close();
  }
}
