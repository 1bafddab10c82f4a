package dev.gatehouse.app.pages.topology;

/** A route of the gateway that leads along a north-south edge, and whether key-auth protects it. */
public record RouteLink(String name, boolean keyAuth) {}
