package dev.gatehouse.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class LauncherTest {

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new Launcher());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(out));
        assertThat(cli.execute(args)).isZero();
        return out.toString();
    }

    @Test
    void helpDescribesTheConsole() {
        assertThat(run("--help"))
                .contains("Usage: gatehouse", "--config-dir", "--data-dir", "opens the console")
                .doesNotContain("--smoke");
    }

    @Test
    void versionNamesTheProduct() {
        assertThat(run("--version")).startsWith("gatehouse ");
    }
}
