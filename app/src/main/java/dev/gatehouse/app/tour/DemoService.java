package dev.gatehouse.app.tour;

/** A gateway service that points at the demo app, whatever its name (the user may have made it in the forms). */
record DemoService(String id, String name) {}
