/**
 * The built-in cashback provider simulator ({@code quitto.cashback.simulator.enabled}; demo and test profiles): the
 * challenge's external API with its answers, honouring {@code Idempotency-Key}, plus fault injection (latency, errors,
 * 429, a full quota, lost replies, {@code "id":"NaN"}).
 */
@NullMarked
package dev.quitto.cashback.simulator;

import org.jspecify.annotations.NullMarked;
