package com.finpulse.model.bert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;
import org.junit.jupiter.api.Test;

/** The archive libtorch loads, and how a script it cannot compile fails (the fallback's cue). */
class TorchScriptArchiveTest {

  static String module(String body) {
    return "class Probe(Module):\n"
        + "  __parameters__ = []\n"
        + "  __buffers__ = []\n"
        + "  training : bool\n"
        + "  def forward(self: __torch__.Probe, x: Tensor, ws: List[Tensor]) -> Tensor:\n"
        + "    return "
        + body
        + "\n";
  }

  @Test
  void aWrittenModuleRunsWithWeightsPassedAsAList() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      PtSymbolBlock block =
          ScriptedInferenceForward.compile(
              (PtNDManager) m, "Probe", module("torch.add(torch.relu(x), ws[0])"));
      NDArray x = m.create(new float[] {-1, 2, -3, 4});
      NDArray w = m.create(new float[] {10, 20, 30, 40});
      try (IValue xs = IValue.from((PtNDArray) x);
          IValue ws = IValue.listFrom((PtNDArray) w);
          IValue out = IValueUtils.runMethod(block, "forward", xs, ws)) {
        assertThat(out.toTensor((PtNDManager) m).toFloatArray())
            .containsExactly(10f, 22f, 30f, 44f);
      }
    }
  }

  @Test
  void anOperatorTheBuildLacksIsAnEngineExceptionAtLoad() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      assertThatThrownBy(
              () ->
                  ScriptedInferenceForward.compile(
                      (PtNDManager) m, "Probe", module("ops.mkldnn._no_such_operator(x)")))
          .isInstanceOf(EngineException.class)
          .hasMessageContaining("_no_such_operator");
    }
  }
}
