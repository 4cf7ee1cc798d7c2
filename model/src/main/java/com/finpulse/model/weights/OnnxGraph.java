package com.finpulse.model.weights;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of an ONNX model that weight recovery needs: float initializers and the node graph.
 * Parsed straight from the protobuf wire format (onnx.proto field numbers), so no generated classes
 * and no ONNX runtime are needed.
 */
public record OnnxGraph(Map<String, Tensor> initializers, List<Node> nodes) {

  /** One graph node: operator type, input and output value names. */
  public record Node(String opType, List<String> inputs, List<String> outputs) {}

  // onnx.proto field numbers
  private static final int MODEL_GRAPH = 7;
  private static final int GRAPH_NODE = 1;
  private static final int GRAPH_INITIALIZER = 5;
  private static final int NODE_INPUT = 1;
  private static final int NODE_OUTPUT = 2;
  private static final int NODE_OP_TYPE = 4;
  private static final int TENSOR_DIMS = 1;
  private static final int TENSOR_DATA_TYPE = 2;
  private static final int TENSOR_FLOAT_DATA = 4;
  private static final int TENSOR_NAME = 8;
  private static final int TENSOR_RAW_DATA = 9;
  private static final int DATA_TYPE_FLOAT = 1;

  /**
   * Reads the graph. Non-float initializers (shape constants) are skipped.
   *
   * @param source names the stream in error messages
   */
  public static OnnxGraph read(InputStream in, String source) throws IOException {
    CodedInputStream cis = CodedInputStream.newInstance(in, 1 << 20);
    cis.setSizeLimit(Integer.MAX_VALUE);
    Map<String, Tensor> inits = new LinkedHashMap<>();
    List<Node> nodes = new ArrayList<>();
    boolean sawGraph = false;
    try {
      while (true) {
        int tag = cis.readTag();
        if (tag == 0) {
          break;
        }
        if (WireFormat.getTagFieldNumber(tag) == MODEL_GRAPH
            && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
          int limit = cis.pushLimit(cis.readRawVarint32());
          readGraph(cis, inits, nodes);
          cis.popLimit(limit);
          sawGraph = true;
        } else {
          cis.skipField(tag);
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new WeightsException(
          source + ": not a readable ONNX model (" + e.getMessage() + ")", e);
    }
    if (!sawGraph || inits.isEmpty()) {
      throw new WeightsException(source + ": ONNX model has no graph or no float initializers");
    }
    return new OnnxGraph(inits, nodes);
  }

  private static void readGraph(CodedInputStream cis, Map<String, Tensor> inits, List<Node> nodes)
      throws IOException {
    while (!cis.isAtEnd()) {
      int tag = cis.readTag();
      int field = WireFormat.getTagFieldNumber(tag);
      if (field == GRAPH_NODE) {
        int limit = cis.pushLimit(cis.readRawVarint32());
        nodes.add(readNode(cis));
        cis.popLimit(limit);
      } else if (field == GRAPH_INITIALIZER) {
        int limit = cis.pushLimit(cis.readRawVarint32());
        readTensor(cis, inits);
        cis.popLimit(limit);
      } else {
        cis.skipField(tag);
      }
    }
  }

  private static Node readNode(CodedInputStream cis) throws IOException {
    List<String> inputs = new ArrayList<>();
    List<String> outputs = new ArrayList<>();
    String op = "";
    while (!cis.isAtEnd()) {
      int tag = cis.readTag();
      switch (WireFormat.getTagFieldNumber(tag)) {
        case NODE_INPUT -> inputs.add(cis.readStringRequireUtf8());
        case NODE_OUTPUT -> outputs.add(cis.readStringRequireUtf8());
        case NODE_OP_TYPE -> op = cis.readStringRequireUtf8();
        default -> cis.skipField(tag);
      }
    }
    return new Node(op, List.copyOf(inputs), List.copyOf(outputs));
  }

  private static void readTensor(CodedInputStream cis, Map<String, Tensor> inits)
      throws IOException {
    List<Long> dims = new ArrayList<>();
    int dataType = 0;
    String name = null;
    byte[] raw = null;
    List<Float> floats = null;
    while (!cis.isAtEnd()) {
      int tag = cis.readTag();
      int field = WireFormat.getTagFieldNumber(tag);
      int wire = WireFormat.getTagWireType(tag);
      switch (field) {
        case TENSOR_DIMS -> {
          if (wire == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
            int limit = cis.pushLimit(cis.readRawVarint32());
            while (!cis.isAtEnd()) {
              dims.add(cis.readInt64());
            }
            cis.popLimit(limit);
          } else {
            dims.add(cis.readInt64());
          }
        }
        case TENSOR_DATA_TYPE -> dataType = cis.readInt32();
        case TENSOR_NAME -> name = cis.readStringRequireUtf8();
        case TENSOR_RAW_DATA -> raw = cis.readByteArray();
        case TENSOR_FLOAT_DATA -> {
          if (floats == null) {
            floats = new ArrayList<>();
          }
          if (wire == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
            int limit = cis.pushLimit(cis.readRawVarint32());
            while (!cis.isAtEnd()) {
              floats.add(cis.readFloat());
            }
            cis.popLimit(limit);
          } else {
            floats.add(cis.readFloat());
          }
        }
        default -> cis.skipField(tag);
      }
    }
    if (dataType != DATA_TYPE_FLOAT || name == null) {
      return;
    }
    long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
    float[] data;
    if (raw != null) {
      data = new float[raw.length / 4];
      ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(data);
    } else if (floats != null) {
      data = new float[floats.size()];
      for (int i = 0; i < data.length; i++) {
        data[i] = floats.get(i);
      }
    } else {
      throw new WeightsException("initializer " + name + " has no data (external data?)");
    }
    try {
      inits.put(name, new Tensor(shape, data));
    } catch (IllegalArgumentException e) {
      throw new WeightsException("initializer " + name + ": " + e.getMessage(), e);
    }
  }
}
