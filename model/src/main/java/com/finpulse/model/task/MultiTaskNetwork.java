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
  private final Map<Task, Double> temperatures = new EnumMap<>(Task.class);
  private float headDropout;

  public MultiTaskNetwork(
      BertEncoder encoder, Pooling pooling, Map<Task, List<String>> labels, long seed) {
    this.encoder = encoder;
    this.pooling = pooling;
    for (Task t : Task.values()) {
      if (t.required() && !labels.containsKey(t)) {
        throw new IllegalArgumentException("a model needs labels for task " + t.id());
      }
    }
    this.labels = Map.copyOf(labels);
    Random rnd = new Random(seed ^ 0x5eed);
    int hidden = encoder.config().hiddenSize();
    NDManager m = encoder.manager();
    for (Task t : Task.values()) { // declaration order: the same random draws for the same tasks
      if (!labels.containsKey(t)) {
        continue;
      }
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

  /** The tasks this network has a head for. */
  public java.util.Set<Task> tasks() {
    return java.util.Collections.unmodifiableSet(heads.keySet());
  }

  public boolean has(Task task) {
    return heads.containsKey(task);
  }

  /** Sets the softmax temperature of one task's probabilities (calibration; 1 = the raw logits). */
  public void setTemperature(Task task, double temperature) {
    if (!(temperature > 0) || !Double.isFinite(temperature)) {
      throw new IllegalArgumentException("temperature must be positive, got " + temperature);
    }
    temperatures.put(task, temperature);
  }

  /** The softmax temperature of a task's probabilities; 1 unless calibrated. */
  public double temperature(Task task) {
    return temperatures.getOrDefault(task, 1.0);
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
    for (Task t : heads.keySet()) {
      headParameters(t).forEach((n, a) -> out.put(n, BertEncoder.toTensor(a)));
    }
    return out;
  }

  /** Loads head tensors; fails naming the head that is missing or mis-shaped. */
  public void loadHeads(Map<String, Tensor> tensors, String source) {
    loadHeads(tensors, source, heads.keySet());
  }

  /**
   * Loads the heads of {@code tasks} that {@code tensors} has (a warm start from a model that lacks
   * some heads keeps their fresh initialisation); returns the tasks loaded.
   */
  public java.util.Set<Task> loadAvailableHeads(Map<String, Tensor> tensors, String source) {
    java.util.Set<Task> present = java.util.EnumSet.noneOf(Task.class);
    for (Task t : heads.keySet()) {
      if (tensors.containsKey("heads." + t.id() + ".weight")) {
        present.add(t);
      }
    }
    loadHeads(tensors, source, present);
    return present;
  }

  private void loadHeads(
      Map<String, Tensor> tensors, String source, java.util.Collection<Task> tasks) {
    for (Task t : List.copyOf(tasks)) {
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
