package dev.portcullis.server.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.virtualauthenticator.HasVirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

/**
 * A headless Chrome (Debian's chromium and chromium-driver) for the console's browser tests,
 * saving a screenshot of every page it visits to {@code target/console-screenshots/}.
 */
final class ConsoleBrowser implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
  private final URI base;
  private final ChromeDriver driver;
  private final String prefix;
  private int shots;

  ConsoleBrowser(URI base, String prefix) {
    this.base = base;
    this.prefix = prefix;
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    // A laptop screen; no sandbox, as CI runs as root in a container.
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
        "--window-size=1366,900", "--disable-gpu", "--no-first-run",
        "--disable-extensions");
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
    this.driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
  }

  /** Whether this machine has the browser and its driver (CI installs both). */
  static boolean available() {
    return Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
  }

  void open(String path) {
    driver.get(base.resolve(path).toString());
    screenshot();
  }

  /** Shows {@code html} as a page of its own (a data: URL), without a screenshot. */
  void show(String html) {
    driver.get("data:text/html;charset=utf-8," + java.net.URLEncoder.encode(html,
        java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));
  }

  void type(String id, String text) {
    WebElement field = driver.findElement(By.id(id));
    field.clear();
    field.sendKeys(text);
  }

  /** Clicks the button labelled {@code label} and records the page it leads to. */
  void press(String label) {
    driver.findElement(By.xpath("//button[normalize-space()='" + label + "']")).click();
    screenshot();
  }

  void click(String id) {
    driver.findElement(By.id(id)).click();
  }

  /**
   * The serious and critical accessibility violations axe-core finds on the current page (axe
   * runs through WebDriver, outside the page's CSP, from the axe-core webjar).
   */
  @SuppressWarnings("unchecked")
  List<String> accessibilityViolations() {
    driver.executeScript(Axe.source());
    Object found = driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
        + "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations"
        + ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
        + ".map(v => v.id + ': ' + v.help + ' (' + v.nodes.length + ')')))"
        + ".catch(e => done(['axe failed: ' + e]));");
    return (List<String>) found;
  }

  /** The text of the element with id {@code id}. */
  String textOf(String id) {
    return driver.findElement(By.id(id)).getText();
  }

  /**
   * Gives the browser a platform authenticator (Chrome's virtual authenticator through the
   * WebDriver API: CTAP2, internal transport, user verification done), as a laptop's would be.
   */
  void addPasskeyAuthenticator() {
    ((HasVirtualAuthenticator) driver).addVirtualAuthenticator(new VirtualAuthenticatorOptions()
        .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
        .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
        .setHasResidentKey(true).setHasUserVerification(true).setIsUserVerified(true));
  }

  /** Clicks element {@code id} and waits until the page's text holds {@code expected}. */
  void clickAndWaitFor(String id, String expected) {
    driver.findElement(By.id(id)).click();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!currentTextHas(expected)) {
      if (System.nanoTime() > deadline) {
        screenshot();
        throw new AssertionError("no \"" + expected + "\" on " + path());
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    screenshot();
  }

  /** Whether the page holds {@code expected}; false while a navigation replaces the page. */
  private boolean currentTextHas(String expected) {
    try {
      return text().contains(expected);
    } catch (org.openqa.selenium.WebDriverException e) {
      // StaleElementReference or NoSuchElement: the next page is loading.
      return false;
    }
  }

  String text() {
    return driver.findElement(By.tagName("body")).getText();
  }

  String path() {
    return URI.create(driver.getCurrentUrl()).getPath();
  }

  String title() {
    return driver.getTitle();
  }

  private void screenshot() {
    try {
      Files.createDirectories(SCREENSHOTS);
      Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
      String name = String.format("%s-%02d-%s.png", prefix, ++shots,
          title().replaceAll("[^A-Za-z0-9]+", "-").replaceAll("-+$", "").toLowerCase());
      Files.copy(shot, SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    driver.quit();
  }
}
