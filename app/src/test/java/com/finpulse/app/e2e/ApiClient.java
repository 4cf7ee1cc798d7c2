package com.finpulse.app.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.finpulse.common.serde.JsonCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

/** The alerts service's REST API as a script calls it: with the bearer token. */
final class ApiClient {

  private final HttpClient http = HttpClient.newHttpClient();
  private final URI base;
  private final String token;

  /**
   * @param base e.g. {@code http://127.0.0.1:18090/api/v1/}
   */
  ApiClient(String base, String token) {
    this.base = URI.create(base);
    this.token = token;
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return send(request(path).GET());
  }

  HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  /** The JSON answer of a GET that must succeed. */
  JsonNode getJson(String path) throws IOException, InterruptedException {
    HttpResponse<String> r = get(path);
    if (r.statusCode() != 200) {
      throw new AssertionError("GET " + path + ": " + r.statusCode() + " " + r.body());
    }
    return json(r);
  }

  /**
   * Asks {@code path} every 250 ms (not listening yet and errors count as not yet) until its JSON
   * answer satisfies {@code done}; fails with the last answer after {@code timeout}.
   */
  JsonNode await(String what, String path, Duration timeout, Predicate<JsonNode> done)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> r = get(path);
        last = r.statusCode() + " " + r.body();
        if (r.statusCode() == 200) {
          JsonNode answer = json(r);
          if (done.test(answer)) {
            return answer;
          }
        }
      } catch (IOException e) {
        last = e.toString();
      }
      Thread.sleep(250);
    }
    throw new AssertionError(
        what + " not seen within " + timeout + "; GET " + path + " last answered: " + last);
  }

  static JsonNode json(HttpResponse<String> r) {
    try {
      return JsonCodec.mapper().readTree(r.body());
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + r.body(), e);
    }
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(base.resolve(path))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token);
  }

  private HttpResponse<String> send(HttpRequest.Builder r)
      throws IOException, InterruptedException {
    return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }
}
