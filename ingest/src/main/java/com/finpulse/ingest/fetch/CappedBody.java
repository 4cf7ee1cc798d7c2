package com.finpulse.ingest.fetch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body up to a cap and gives up (cancelling the transfer, so the rest is never
 * read) as soon as the cap is passed. Requests one chunk at a time: memory stays at cap + chunk.
 */
final class CappedBody implements BodySubscriber<byte[]> {

  /** The body exceeded the cap; {@link #bytesSeen} is a lower bound of its size. */
  static final class TooLargeException extends IOException {
    final long bytesSeen;

    TooLargeException(long bytesSeen, long cap) {
      super("body larger than " + cap + " bytes (read " + bytesSeen + " before giving up)");
      this.bytesSeen = bytesSeen;
    }
  }

  private final long cap;
  private final boolean discard;
  private final CompletableFuture<byte[]> result = new CompletableFuture<>();
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  private Flow.Subscription subscription;
  private long seen;

  /**
   * @param cap maximum body size in bytes
   * @param discard do not keep the body at all (error responses): cancel at once, complete empty
   */
  CappedBody(long cap, boolean discard) {
    this.cap = cap;
    this.discard = discard;
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    if (discard) {
      s.cancel();
      result.complete(new byte[0]);
      return;
    }
    s.request(1);
  }

  @Override
  public void onNext(List<ByteBuffer> items) {
    if (result.isDone()) {
      return;
    }
    for (ByteBuffer b : items) {
      int n = b.remaining();
      seen += n;
      if (seen > cap) {
        subscription.cancel();
        result.completeExceptionally(new TooLargeException(seen, cap));
        return;
      }
      byte[] chunk = new byte[n];
      b.get(chunk);
      buffer.write(chunk, 0, n);
    }
    subscription.request(1);
  }

  @Override
  public void onError(Throwable t) {
    result.completeExceptionally(t);
  }

  @Override
  public void onComplete() {
    result.complete(buffer.toByteArray());
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return result;
  }
}
