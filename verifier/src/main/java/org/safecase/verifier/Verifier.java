package org.safecase.verifier;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The independent verifier: reads the incident-event topic and the checkpoint topic from the beginning,
 * as any client of the broker can, and checks every incident's hash chain and the latest checkpoint's
 * signature and root. It depends on the event contracts and libraries only, never on the services.
 *
 * <pre>
 *   java -jar verifier-exec.jar --bootstrap-servers HOST:PORT --public-key BASE64 [--origin safecase]
 *        [--events-topic safecase.incident-events] [--checkpoints-topic safecase.checkpoints]
 *        [--client-config FILE]   (Kafka client properties, e.g. the SASL login of an auditor principal)
 * </pre>
 *
 * Exit status: 0 all verified; 1 something is broken (the first broken incident and sequence is named);
 * 2 the command line is wrong or the topics cannot be read.
 */
public final class Verifier {

    private Verifier() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the verifier; its exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> options;
        try {
            options = options(args);
        } catch (IllegalArgumentException e) {
            err.println("verifier: " + e.getMessage());
            err.println("usage: --bootstrap-servers HOST:PORT --public-key BASE64 [--origin safecase] "
                    + "[--events-topic safecase.incident-events] [--checkpoints-topic safecase.checkpoints] "
                    + "[--client-config FILE]");
            return 2;
        }
        List<byte[]> events;
        List<byte[]> checkpoints;
        try (TopicReader reader = new TopicReader(options.get("bootstrap-servers"), clientConfig(options.get("client-config")))) {
            events = reader.readAll(options.getOrDefault("events-topic", "safecase.incident-events"));
            checkpoints = reader.readAll(options.getOrDefault("checkpoints-topic", "safecase.checkpoints"));
        } catch (RuntimeException e) {
            err.println("verifier: the topics could not be read: " + e.getMessage());
            return 2;
        }
        Verification.Result result = new Verification(options.get("public-key"), options.getOrDefault("origin", "safecase"))
                .verify(events, checkpoints);
        out.println(result.summary());
        return result.valid() ? 0 : 1;
    }

    /** Kafka client properties from a file (security.protocol, sasl.mechanism, sasl.jaas.config, ...), if given. */
    private static Properties clientConfig(String file) {
        Properties properties = new Properties();
        if (file != null) {
            try (Reader reader = Files.newBufferedReader(Path.of(file))) {
                properties.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException("the client configuration " + file + " could not be read", e);
            }
        }
        return properties;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("options come in pairs: --name value");
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        for (String required : List.of("bootstrap-servers", "public-key")) {
            if (!options.containsKey(required)) {
                throw new IllegalArgumentException("--" + required + " is required");
            }
        }
        return options;
    }
}
