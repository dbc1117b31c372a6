package org.safecase.events;

public enum Involvement {
    ALLEGED,
    AFFECTED,
    WITNESS,
    INVOLVED
}
