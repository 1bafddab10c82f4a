package dev.gatehouse.gateway.upstream.balance;

import java.util.List;

/** One of Kong's balancing algorithms: chooses among the healthy members of an upstream. */
interface Strategy {

    /** @param hashKey the value to hash (consistent-hashing), or null; {@code candidates} is never empty */
    Member pick(List<Member> candidates, String hashKey);
}
