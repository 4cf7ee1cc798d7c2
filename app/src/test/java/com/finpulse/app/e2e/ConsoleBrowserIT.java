package com.finpulse.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.finpulse.common.event.ArticleIds;
import com.finpulse.common.event.ContentFingerprint;
import com.finpulse.common.event.NewsArticle;
import com.finpulse.common.serde.EventSerdes;
import com.finpulse.common.topic.Topics;
import com.finpulse.embedded.junit.InfluxdExtension;
import com.finpulse.embedded.junit.KafkaBrokerExtension;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The analyst console in a real browser (Debian's chromium through chromium-driver) against the
 * real stack: broker, influxd, ingest running {@code simulate:spike}, the stream processor with the
 * default model, and the alerts service serving the console. While the burst of negative energy
 * news is on, the browser signs in, sees the spike and the alert with its evidence, drills into the
 * topic, filters articles, adds and removes a subscription, silences the alert, and saves the
 * screenshots of the README. Any failed console request or script error fails it, as does a chart
 * without data. Skipped only where chromium or chromedriver is not installed.
 */
class ConsoleBrowserIT {

  private static final String TOKEN = "browser-it-token-0123456789abcdef";
  private static final String SPIKED_TOPIC = "Energy | Oil";
  private static final String HOSTILE_TITLE =
      "<script>window.__pwned=1</script> Zanzibar refinery explosion <img src=x"
          + " onerror=window.__pwned=2> halts output";
  private static final Duration WAIT = Duration.ofSeconds(30);

  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();
  @RegisterExtension static final InfluxdExtension INFLUX = new InfluxdExtension();

  private static E2eStack stack;
  private static WebhookReceiver hooks;
  private static WebDriver browser;
  private static String console;
  private static ApiClient api;
  private static final Path TARGET = Path.of("target", "console-screenshots");
  private static final Path DOCS = Path.of("").toAbsolutePath().getParent().resolve("docs");

  @BeforeAll
  static void startStackAndBrowser() throws Exception {
    Optional<Path> chromium = onPath("chromium");
    Optional<Path> driver = onPath("chromedriver");
    Assumptions.assumeTrue(
        chromium.isPresent() && driver.isPresent(),
        "chromium and chromium-driver are not installed (apt-get install chromium"
            + " chromium-driver; ./finpulse test installs them): the console's browser test is"
            + " skipped");
    Path work = Files.createTempDirectory("finpulse-console");
    hooks = new WebhookReceiver(Map.of("/energy-desk", 200, "/browser-desk", 200));
    int consolePort = E2eStack.freePort();
    int apiPort = E2eStack.freePort();
    console = "http://127.0.0.1:" + consolePort;
    api = new ApiClient("http://127.0.0.1:" + apiPort + "/api/v1/", TOKEN);
    Path config = writeConfig(work.resolve("config"), consolePort, apiPort);
    stack =
        E2eStack.start(
            KAFKA,
            INFLUX,
            work,
            config,
            Map.of(),
            // 20x: the burst's 15 simulated minutes take 45 s, the time the browser needs
            // while the alert is open (once the burst is over the detector resolves it).
            Map.of("source", "simulate:spike", "speed", "20"));
    awaitOpenAlert();
    // Dated 40 minutes back: scored and stored like any article, but too late for the trend
    // windows, so it neither moves the stream time on (which would close the spike's windows and
    // resolve its alert) nor makes the simulated articles late.
    publishHostileHeadline();
    awaitArticle("zanzibar");

    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.get().toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--window-size=1280,960",
        "--user-data-dir=" + Files.createTempDirectory("finpulse-chromium"));
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(driver.get().toFile()).build();
    browser = new ChromeDriver(service, options);
    Files.createDirectories(TARGET);
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.quit();
    }
    if (stack != null) {
      stack.close();
    }
    if (hooks != null) {
      hooks.close();
    }
  }

  @Test
  void anAnalystFollowsTheSpikeThroughTheConsole() throws Exception {
    // Sign in: the token goes in the body once; the browser keeps an HttpOnly cookie.
    browser.get(console + "/");
    WebElement token = until(By.id("token"));
    token.sendKeys(TOKEN);
    browser.findElement(By.id("user")).sendKeys("Dana Analyst");
    browser.findElement(By.cssSelector("#login button[type=submit]")).click();
    until(By.cssSelector("#chart-negative-share canvas"));
    // The page's one expected failure: asking for the session before signing in (401).
    List<String> beforeSignIn = severeBrowserLogs();
    assertThat(beforeSignIn).allMatch(l -> l.contains("/api/v1/session"));
    // The session cookie is HttpOnly: no script of the page can read it.
    assertThat((String) js("return document.cookie")).doesNotContain("finpulse_session");
    assertThat(browser.getCurrentUrl()).doesNotContain(TOKEN);

    // Overview: the spiked topic in the charts, the market now, the open alert.
    for (String chart : List.of("chart-negative-share", "chart-score", "chart-volume")) {
      assertThat(pointsOf(chart)).as(chart + " has data").isPositive();
    }
    waitFor(
        () -> browser.findElement(By.id("chart-negative-share")).getText().contains(SPIKED_TOPIC));
    waitFor(() -> browser.findElement(By.id("market-negative-share")).getText().contains("%"));
    waitFor(() -> !browser.findElements(By.cssSelector("#open-alerts .alert-row")).isEmpty());
    waitFor(() -> browser.findElement(By.id("open-alerts")).getText().contains(SPIKED_TOPIC));
    waitFor(
        () -> !browser.findElements(By.cssSelector("#negative-headlines tr.article")).isEmpty());
    assertThat(browser.findElement(By.id("live")).isDisplayed()).isTrue();
    screenshot("console-overview.png");

    // Alerts: the alert with its evidence and its webhook delivery.
    // (The live refresh re-renders what the page shows: elements are looked up again each time.)
    click(By.cssSelector("#open-alerts .alert-row a"));
    until(By.cssSelector("#alert-list .card.alert"));
    waitFor(
        () ->
            browser
                .findElement(By.cssSelector("#alert-list .card.alert"))
                .getText()
                .contains(SPIKED_TOPIC));
    waitFor(
        () ->
            !browser
                .findElements(By.cssSelector("#alert-list .card.alert ul.evidence li"))
                .isEmpty());
    waitFor(
        () ->
            !browser
                .findElement(By.cssSelector("#alert-list .card.alert"))
                .findElements(By.cssSelector("table.outcomes tr"))
                .isEmpty());
    screenshot("console-alert.png");

    // Drill-down: the topic's chart; a click on a point lists that window's headlines.
    click(By.cssSelector("#alert-list .card.alert a[href^='#/topic/']"));
    until(By.cssSelector("#chart-key-share canvas"));
    assertThat(browser.findElement(By.id("key-name")).getText()).isEqualTo(SPIKED_TOPIC);
    assertThat(pointsOf("chart-key-share")).isPositive();
    assertThat(pointsOf("chart-key-volume")).isPositive();
    // The baseline over time, warmed up by the half hour of background news before the burst.
    assertThat(
            Integer.parseInt(
                browser.findElement(By.id("chart-key-share")).getAttribute("data-baseline-points")))
        .as("baseline points on the drill-down chart")
        .isPositive();
    new WebDriverWait(browser, WAIT)
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(
            d -> {
              WebElement over = d.findElement(By.cssSelector("#chart-key-share .u-over"));
              new Actions(d)
                  .moveToElement(over, over.getSize().width / 2 - 20, 0)
                  .pause(Duration.ofMillis(200))
                  .click()
                  .perform();
              return true;
            });
    waitFor(() -> !browser.findElements(By.cssSelector("#picked-window tr.article")).isEmpty());
    screenshot("console-topic.png");

    // A correction in one click: the first headline of the window is really neutral.
    String corrected =
        browser.findElement(By.cssSelector("#picked-window tr.article td.headline")).getText();
    click(By.cssSelector("#picked-window tr.article .correct button[data-label=neutral]"));
    until(
        By.cssSelector(
            "#picked-window tr.article .correct.done button.chosen[data-label=neutral]"));

    // Review: the queue, corrected with the keyboard (2 = neutral on the selected article).
    browser.get(console + "/#/review");
    until(By.cssSelector("#review-queue .review-item.selected"));
    waitFor(() -> browser.findElement(By.id("reviewed-count")).getText().equals("1"));
    String reviewed =
        browser
            .findElement(By.cssSelector("#review-queue .review-item.selected"))
            .getAttribute("data-article");
    new Actions(browser).sendKeys("2").perform();
    until(
        By.cssSelector(
            "#review-queue .review-item[data-article='" + reviewed + "'] .correct.done"));
    screenshot("console-review.png");
    browser.navigate().refresh();
    waitFor(() -> browser.findElement(By.id("reviewed-count")).getText().equals("2"));
    assertThat(
            browser.findElements(
                By.cssSelector("#review-queue .review-item[data-article='" + reviewed + "']")))
        .as("a reviewed article leaves the queue")
        .isEmpty();
    String feedback =
        (String)
            js(
                "var x = new XMLHttpRequest(); x.open('GET', '/api/v1/feedback', false); x.send();"
                    + " return x.responseText;");
    assertThat(feedback)
        .containsPattern("\"analyst\"\\s*:\\s*\"Dana Analyst\"")
        .containsPattern("\"label\"\\s*:\\s*\"neutral\"");
    assertThat(corrected).isNotBlank();

    // Models: what the processor serves, as it reports it on models.status.
    browser.get(console + "/#/models");
    waitFor(() -> browser.findElement(By.id("serving-version")).getText().equals("default"));
    waitFor(() -> !browser.findElements(By.cssSelector("#model-status tr.processor")).isEmpty());
    assertThat(
            browser.findElements(By.cssSelector("#model-status .processor-error")).stream()
                .map(WebElement::getText))
        .allMatch(String::isEmpty);

    // Articles: filtered by topic and sentiment; the hostile headline is text, not markup.
    browser.get(console + "/#/articles");
    until(
        By.cssSelector("#article-filters select[name=topic] option[value='" + SPIKED_TOPIC + "']"));
    new Select(browser.findElement(By.cssSelector("#article-filters select[name=topic]")))
        .selectByValue(SPIKED_TOPIC);
    new Select(browser.findElement(By.cssSelector("#article-filters select[name=sentiment]")))
        .selectByValue("negative");
    browser.findElement(By.cssSelector("#article-filters button[type=submit]")).click();
    waitFor(
        () -> {
          List<WebElement> rows = browser.findElements(By.cssSelector("#article-list tr.article"));
          return !rows.isEmpty()
              && rows.stream().allMatch(r -> r.getAttribute("class").contains("negative"));
        });
    WebElement q = browser.findElement(By.cssSelector("#article-filters input[name=q]"));
    q.sendKeys("Zanzibar refinery");
    new Select(browser.findElement(By.cssSelector("#article-filters select[name=topic]")))
        .selectByValue("");
    new Select(browser.findElement(By.cssSelector("#article-filters select[name=sentiment]")))
        .selectByValue("");
    browser.findElement(By.cssSelector("#article-filters button[type=submit]")).click();
    waitFor(
        () ->
            browser.findElements(By.cssSelector("#article-list td.headline")).stream()
                .anyMatch(h -> h.getText().contains("<script>window.__pwned=1</script>")));
    assertThat(browser.findElements(By.cssSelector("#article-list script, #article-list img")))
        .isEmpty();
    assertThat(js("return window.__pwned === undefined")).isEqualTo(true);

    // Subscriptions: added, refused with the YAML's message, removed.
    browser.get(console + "/#/subscriptions");
    until(By.id("subscription-form"));
    fill("name", "browser-desk");
    fill("topics", SPIKED_TOPIC);
    fill("windows", "1m");
    fill("webhook", hooks.url("/browser-desk"));
    fill("secret", "browser-desk-secret-0123456789");
    browser.findElement(By.cssSelector("#subscription-form button[type=submit]")).click();
    until(By.cssSelector("tr.subscription[data-name='browser-desk']"));
    fill("name", "no-channels");
    fill("topics", SPIKED_TOPIC);
    browser.findElement(By.cssSelector("#subscription-form button[type=submit]")).click();
    waitFor(() -> !browser.findElement(By.id("subscription-problem")).getText().isEmpty());
    assertThat(browser.findElement(By.id("subscription-problem")).getText())
        .contains("subscription not added", "channels: needs at least one e-mail address");
    click(By.cssSelector("tr.subscription[data-name='browser-desk'] button.delete"));
    waitFor(
        () ->
            browser
                .findElements(By.cssSelector("tr.subscription[data-name='browser-desk']"))
                .isEmpty());

    // A silence from the alert.
    browser.get(console + "/#/alerts");
    // The spiked topic's alert (the market's may be listed first).
    By silenceTopic =
        By.xpath(
            "//div[contains(@class,'card') and contains(@class,'alert')]"
                + "[.//strong[normalize-space(.)='topic "
                + SPIKED_TOPIC
                + "']]//button[contains(@class,'silence-alert')]");
    until(silenceTopic);
    click(silenceTopic);
    until(By.cssSelector("#silences tr.silence"));
    waitFor(() -> browser.findElement(By.id("silences")).getText().contains(SPIKED_TOPIC));

    // The session cookie alone cannot change state: without the CSRF header, 403.
    Object status =
        ((JavascriptExecutor) browser)
            .executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "fetch('/api/v1/silences', {method: 'POST', credentials: 'same-origin',"
                    + " headers: {'Content-Type': 'application/json'},"
                    + " body: JSON.stringify({key: 'x', duration: '1h'})})"
                    + ".then(r => done(r.status), e => done(String(e)));");
    assertThat(status).isEqualTo(403L);

    // Nothing failed on the way: no error banner, no failed request or script error logged but
    // the two refusals asked for above (the subscription without channels, the CSRF probe).
    assertThat(browser.findElement(By.id("errors")).getText()).isEmpty();
    assertThat(severeBrowserLogs())
        .allMatch(
            l ->
                l.contains("/api/v1/subscriptions - ") && l.contains("status of 400")
                    || l.contains("/api/v1/silences - ") && l.contains("status of 403"));
  }

  // ------------------------------------------------------------------ the stack

  private static Path writeConfig(Path dir, int consolePort, int apiPort) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(
        dir.resolve("ingest.yml"),
        """
        sources: []
        # 30 minutes of background news warm the detector's baselines; the burst then lasts to
        # the end, so its alert is still open when the browser looks.
        simulate:
          seed: 7
          duration: 45m
          baseline_per_minute: 6
          spike_topic: energy
          spike_start: 30m
          spike_length: 15m
          spike_per_minute: 20
        """);
    Files.writeString(
        dir.resolve("alerts.yml"),
        """
        routing:
          group_wait: 0s
          group_interval: 2s
        delivery:
          initial_backoff: 200ms
          max_backoff: 1s
          allowed_private_networks: [127.0.0.0/8]
        api:
          bind: 127.0.0.1:%d
          console_bind: 127.0.0.1:%d
          token: %s
        digest:
          enabled: false
        """
            .formatted(apiPort, consolePort, TOKEN));
    Files.writeString(
        dir.resolve("subscriptions.yml"),
        """
        subscriptions:
          - name: energy-desk
            topics: ["%s"]
            windows: [1m]
            channels:
              webhooks:
                - url: %s
                  secret: energy-desk-secret-0123456789
        """
            .formatted(SPIKED_TOPIC, hooks.url("/energy-desk")));
    return dir;
  }

  /** A headline that is also an attempt at markup, through ingest's topic like any other. */
  private static void publishHostileHeadline() throws Exception {
    Instant now = Instant.now();
    Instant published = now.minus(Duration.ofMinutes(40));
    NewsArticle a =
        new NewsArticle(
            ArticleIds.fromContent(HOSTILE_TITLE, published, "console-browser-it"),
            "hostile-wire",
            "https://example.com/refinery-explosion",
            HOSTILE_TITLE,
            "Crude oil prices jump after a refinery explosion halts output.",
            published,
            now,
            "en",
            List.of(),
            null,
            ContentFingerprint.of(HOSTILE_TITLE, ""));
    try (var producer =
        new KafkaProducer<>(
            KAFKA.producerConfig(), new StringSerializer(), EventSerdes.newsArticle())) {
      producer.send(new ProducerRecord<>(Topics.NEWS_RAW, a.id(), a)).get();
    }
  }

  private static void awaitOpenAlert() throws Exception {
    api.await(
        "an open alert for " + SPIKED_TOPIC,
        "alerts?state=open",
        Duration.ofMinutes(8),
        r -> {
          for (JsonNode a : r.get("alerts")) {
            if (SPIKED_TOPIC.equals(a.get("key").asText())) {
              return true;
            }
          }
          return false;
        });
  }

  private static void awaitArticle(String words) throws Exception {
    api.await(
        "the headline with '" + words + "'",
        "articles?q=" + words,
        Duration.ofMinutes(2),
        r -> !r.get("articles").isEmpty());
  }

  private static Optional<Path> onPath(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path p = Path.of(dir, program);
      if (Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  // ------------------------------------------------------------------ the browser

  private static WebElement until(By by) {
    // A chart's canvas is replaced when it redraws: an element found a moment ago may be stale.
    return new WebDriverWait(browser, WAIT)
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(
            d -> {
              List<WebElement> found = d.findElements(by);
              return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
            });
  }

  private static void waitFor(java.util.function.BooleanSupplier condition) {
    new WebDriverWait(browser, WAIT)
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .withMessage(
            () -> {
              String page = browser.findElement(By.tagName("body")).getText();
              return "the page shows: " + page.substring(0, Math.min(page.length(), 1500));
            })
        .until(d -> condition.getAsBoolean());
  }

  /** Clicks what {@code by} finds, again if a refresh replaced it meanwhile. */
  private static void click(By by) {
    new WebDriverWait(browser, WAIT)
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(
            d -> {
              d.findElement(by).click();
              return true;
            });
  }

  private static int pointsOf(String chartId) {
    waitFor(
        () ->
            browser.findElement(By.id(chartId)).getAttribute("data-points") != null
                && Integer.parseInt(browser.findElement(By.id(chartId)).getAttribute("data-points"))
                    > 0);
    return Integer.parseInt(browser.findElement(By.id(chartId)).getAttribute("data-points"));
  }

  private static void fill(String name, String value) {
    WebElement input =
        browser.findElement(By.cssSelector("#subscription-form [name=" + name + "]"));
    input.clear();
    input.sendKeys(value);
  }

  private static Object js(String script) {
    return ((JavascriptExecutor) browser).executeScript(script);
  }

  private static List<String> severeBrowserLogs() {
    List<String> out = new ArrayList<>();
    for (LogEntry e : browser.manage().logs().get(LogType.BROWSER)) {
      if (e.getLevel().intValue() >= Level.SEVERE.intValue()) {
        out.add(e.getMessage());
      }
    }
    return out;
  }

  /** Into target/, and the README's pictures into docs/. */
  private static void screenshot(String name) throws IOException {
    Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(shot, TARGET.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    if (!name.equals("console-topic.png")) {
      Files.createDirectories(DOCS);
      Files.copy(shot, DOCS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
