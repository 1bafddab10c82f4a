package dev.gatehouse.app.tour;

import java.time.Instant;

/** A step the tour did and checked on one connection: when, and what its live check said (keys masked). */
record StepRecord(Instant at, String check) {}
