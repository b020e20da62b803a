package io.scimbridge.ops.status;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import io.scimbridge.testing.MachineParts;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's chromium and chromium-driver, started headless for a browser test. Both paths are given
 * to Selenium, so Selenium Manager never looks for (or downloads) a browser. Missing packages skip
 * the test with the reason, or fail it where CI requires Chromium ({@link MachineParts}).
 */
final class HeadlessChromium {

    /** The window, and so the screenshot, in CSS pixels (device scale factor 1). */
    static final Dimension WINDOW = new Dimension(1400, 1800);

    private HeadlessChromium() {}

    static ChromeDriver start() {
        Optional<Path> browser = find("browser.chromium", "/usr/bin/chromium", "/usr/lib/chromium/chromium");
        Optional<Path> driver = find("browser.chromedriver", "/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");
        MachineParts.need(MachineParts.Part.CHROMIUM, browser.isPresent() && driver.isPresent(),
                "The status page's browser test needs Debian's chromium and chromium-driver"
                + " (apt-get install -y chromium chromium-driver), or -Dbrowser.chromium=... -Dbrowser.chromedriver=...;"
                + " missing: " + (browser.isEmpty() ? "chromium " : "") + (driver.isEmpty() ? "chromedriver" : ""));
        ChromeOptions options = new ChromeOptions().setBinary(browser.get().toFile())
                // root in a container: no sandbox; a small /dev/shm: use /tmp
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                        "--window-size=" + WINDOW.width + "," + WINDOW.height, "--force-device-scale-factor=1",
                        "--hide-scrollbars",
                        // only 127.0.0.1: no update checks, sync, or other calls home
                        "--no-first-run", "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", "--disable-extensions", "--disable-default-apps", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.get().toFile())
                .usingAnyFreePort().withTimeout(Duration.ofSeconds(60)).build();
        ChromeDriver chrome = new ChromeDriver(service, options);
        chrome.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return chrome;
    }

    private static Optional<Path> find(String property, String... defaults) {
        String configured = System.getProperty(property);
        Stream<String> candidates = configured != null ? Stream.of(configured) : Stream.of(defaults);
        return candidates.map(Path::of).filter(Files::isExecutable).findFirst();
    }
}
