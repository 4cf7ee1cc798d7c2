package com.finpulse.model.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import com.finpulse.model.task.MultiTaskNetwork;
import com.finpulse.model.task.Task;
import com.finpulse.model.text.PaddedBatch;
import com.finpulse.model.text.TokenizedText;
import java.util.List;

/**
 * One forward and backward pass of one task's batch: the weighted cross-entropy whose gradients
 * {@link AdamW#step} then applies. The batch runs in its own NDManager scope on the network's
 * device, so nothing but the gradients outlives the call.
 */
public final class TrainingStep {

  private TrainingStep() {}

  /**
   * @param labels the class index of each text
   * @param weights each text's weight in the loss; they should sum to 1 (the mean loss)
   * @return the batch's loss
   */
  public static float forwardBackward(
      MultiTaskNetwork net, Task task, List<TokenizedText> batch, long[] labels, float[] weights) {
    if (batch.size() != labels.length || batch.size() != weights.length) {
      throw new IllegalArgumentException(
          batch.size() + " texts, " + labels.length + " labels, " + weights.length + " weights");
    }
    try (NDManager scope = net.encoder().manager().newSubManager();
        GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      PaddedBatch pb = PaddedBatch.of(batch, scope);
      NDArray logits = net.logits(task, net.pooled(pb.ids(), pb.typeIds(), pb.mask(), true));
      NDArray labelArr = scope.create(labels, new Shape(labels.length, 1));
      NDArray w = scope.create(weights, new Shape(weights.length, 1));
      // gather, not log-softmax x one-hot: the latter turns -inf x 0 into NaN.
      NDArray loss = logits.logSoftmax(-1).gather(labelArr, 1).mul(w).sum().neg();
      gc.backward(loss);
      return loss.getFloat();
    }
  }
}
