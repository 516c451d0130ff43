package org.skyring.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code scripts/skyring}: assembles engine and adapters (which is why it lives here). */
@Command(name = "skyring", mixinStandardHelpOptions = true, version = "skyring " + org.skyring.engine.EngineVersion.VERSION,
        description = "Low-latency engine for real-time astronomy alerts.",
        subcommands = {RunCommand.class, DemoCommand.class, ReplayCommand.class, JournalCommand.class,
                CutoutCommand.class, CatalogCommand.class,
                StatCommand.class, LatencyReportCommand.class, AckCommand.class, AlertsCommand.class,
                ModelCommand.class, EvalCommand.class})
public final class SkyringCli {

    public static void main(final String[] args) {
        final CommandLine cli = new CommandLine(new SkyringCli());
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof org.skyring.engine.config.ConfigException || ex instanceof IllegalArgumentException) {
                cmd.getErr().println("skyring: " + ex.getMessage());
                return 2;
            }
            throw ex;
        });
        System.exit(cli.execute(args));
    }
}
