package dev.quitto.anticipation.web;

/** A refusal the seed answers with 400 and a bare JSON list holding {@link #seedMessage()}. */
public interface SeedListBody {

    String seedMessage();
}
