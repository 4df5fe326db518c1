package dev.paperdigest.notify.mail;

/** Mails about the subscription itself, as opposed to mails about papers. */
public enum AccountMailKind {
    /** The double opt-in mail: a link to confirm the address. */
    CONFIRM,
    /** Someone signed an ACTIVE address up again: its owner gets the manage link instead of a change. */
    ALREADY_SUBSCRIBED
}
