package dev.paperdigest.notify.subscription;

/** How often a subscriber wants mail: as papers match, daily at their hour, weekly on their weekday and hour. */
public enum Frequency {
    INSTANT, DAILY, WEEKLY
}
