package dev.gatehouse.app.meshpolicy;

import dev.gatehouse.app.repository.mesh.PolicyRef;
import java.util.Optional;

/** "May {@code source} reach {@code destination}?" answered: the verdict, the deciding policy, and why in words. */
public record WhatIfAnswer(
        String source, String destination, boolean allowed, Optional<PolicyRef> policy, String sentence) {}
