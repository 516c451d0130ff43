package org.skyring.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts {@code skyring ARGS...} as a child JVM (the test's class path and the project's JVM flags), output to a log. */
public final class EngineChild {
    private EngineChild() {
    }

    public static Process start(final Path log, final String... args) throws IOException {
        final String projectDir = System.getProperty("skyring.project.dir");
        final List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("@" + Path.of(projectDir, "config", "jvm.options"));
        cmd.add("-Xmx1g");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(SkyringCli.class.getName());
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
