package org.safecase.events;

/** The recording system an incident came from, and its own reference for it (R23). */
public record Source(String system, String reference) {
}
