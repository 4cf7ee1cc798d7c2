package com.finpulse.processor.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import com.finpulse.common.metrics.MeterNames;
import com.finpulse.common.serde.HeaderNames;
import com.finpulse.common.serde.SchemaException;
import com.finpulse.common.topic.Topics;
import com.finpulse.processor.metrics.ProcessorMetrics;
import com.finpulse.processor.score.ModelUnavailableException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProcessorStateException;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

class DeadLetterHandlersTest {

  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final ProcessorMetrics metrics = new ProcessorMetrics(registry);
  final byte[] key = "k".getBytes(StandardCharsets.UTF_8);
  final byte[] value = "{\"id\":1}".getBytes(StandardCharsets.UTF_8);

  final ErrorHandlerContext context =
      new ErrorHandlerContext() {
        @Override
        public String topic() {
          return Topics.NEWS_RAW;
        }

        @Override
        public int partition() {
          return 2;
        }

        @Override
        public long offset() {
          return 41;
        }

        @Override
        public Headers headers() {
          return new RecordHeaders()
              .add(HeaderNames.SOURCE, "wire".getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String processorNodeId() {
          return "dedup";
        }

        @Override
        public TaskId taskId() {
          return new TaskId(0, 2);
        }

        @Override
        public long timestamp() {
          return 1000;
        }

        @Override
        public byte[] sourceRawKey() {
          return key;
        }

        @Override
        public byte[] sourceRawValue() {
          return value;
        }
      };

  static String header(Headers h, String name) {
    return new String(h.lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  @Test
  void anUnexpectedProcessingErrorDeadLettersTheSourceRecordAndContinues() {
    DeadLetterProcessingHandler handler = new DeadLetterProcessingHandler();
    handler.configure(DeadLetterHandlers.streamsProperties(metrics));
    ProcessingExceptionHandler.Response r =
        handler.handleError(
            context, new Record<>("k", "v", 1000), new IllegalStateException("boom"));
    assertThat(r.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
    ProducerRecord<byte[], byte[]> dead = r.deadLetterQueueRecords().get(0);
    assertThat(dead.topic()).isEqualTo(Topics.NEWS_DLQ);
    assertThat(dead.key()).isEqualTo(key);
    assertThat(dead.value()).isEqualTo(value);
    assertThat(header(dead.headers(), HeaderNames.DLQ_STAGE)).isEqualTo("process:dedup");
    assertThat(header(dead.headers(), HeaderNames.DLQ_ERROR)).isEqualTo("boom");
    assertThat(header(dead.headers(), HeaderNames.DLQ_ORIGIN)).isEqualTo("news.raw-2@41");
    assertThat(header(dead.headers(), HeaderNames.SOURCE)).isEqualTo("wire");
    assertThat(
            registry.find(MeterNames.PROCESSOR_DLQ).tag("stage", "process:dedup").counter().count())
        .isEqualTo(1);
  }

  @Test
  void failuresThatAreNotAboutOneRecordStopTheThread() {
    DeadLetterProcessingHandler handler = new DeadLetterProcessingHandler();
    handler.configure(DeadLetterHandlers.streamsProperties(metrics));
    Record<String, String> record = new Record<>("k", "v", 1000);
    assertThat(
            handler
                .handleError(context, record, new ModelUnavailableException("gpu lost", null))
                .result())
        .isEqualTo(ProcessingExceptionHandler.Result.FAIL);
    assertThat(handler.handleError(context, record, new ProcessorStateException("disk")).result())
        .isEqualTo(ProcessingExceptionHandler.Result.FAIL);
    assertThat(handler.handleError(context, null, new IllegalStateException("tick")).result())
        .isEqualTo(ProcessingExceptionHandler.Result.FAIL);
  }

  @Test
  void anUnreadableRecordOnAnotherSourceIsDeadLettered() {
    DeadLetterDeserializationHandler handler = new DeadLetterDeserializationHandler();
    handler.configure(DeadLetterHandlers.streamsProperties(metrics));
    ConsumerRecord<byte[], byte[]> record =
        new ConsumerRecord<>(Topics.NEWS_SCORED, 1, 7, key, value);
    DeserializationExceptionHandler.Response r =
        handler.handleError(context, record, new SchemaException("ScoredArticle: not valid JSON"));
    assertThat(r.result()).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
    ProducerRecord<byte[], byte[]> dead = r.deadLetterQueueRecords().get(0);
    assertThat(dead.value()).isEqualTo(value);
    assertThat(header(dead.headers(), HeaderNames.DLQ_STAGE)).isEqualTo("deserialize");
    assertThat(header(dead.headers(), HeaderNames.DLQ_ORIGIN)).isEqualTo("news.scored-1@7");
    assertThat(dead.headers().lastHeader(HeaderNames.DLQ_ORIGINAL_VALUE).value()).isEqualTo(value);
  }
}
