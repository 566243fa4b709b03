package guestlist.domain.moderation;

/** The actions an admin takes on an account, or on it and its invite branch. */
public enum ModerationAction {
    BAN,
    UNBAN,
    REVOKE_ALL,
    DISABLE_INVITES,
    ENABLE_INVITES
}
