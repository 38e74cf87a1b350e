//! The HubSpot sandbox server.
