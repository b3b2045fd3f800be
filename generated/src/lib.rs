//! Typed Microsoft Graph client.
