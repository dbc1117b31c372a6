package org.safecase.localstack.fuzz;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * A fuzz property's tries and seed from the command line, for a longer or another run than CI's:
 * {@code -Dsafecase.fuzz.tries=20000 -Dsafecase.fuzz.seed=42}. Without them, the property's own (fixed) ones.
 */
public final class FuzzSettings implements AroundPropertyHook {

    public static final String TRIES = "safecase.fuzz.tries";
    public static final String SEED = "safecase.fuzz.seed";

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) throws Throwable {
        Integer tries = Integer.getInteger(TRIES);
        if (tries != null) {
            context.attributes().setTries(tries);
        }
        String seed = System.getProperty(SEED);
        if (seed != null && !seed.isBlank()) {
            context.attributes().setSeed(seed);
        }
        return property.execute();
    }
}
