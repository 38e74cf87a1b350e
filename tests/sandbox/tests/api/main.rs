//! End-to-end tests of the sandbox over real HTTP (reqwest against a started server):
//! the Schemas API and its validation, auth and OAuth, fault injection, seeding and the
//! request log. One test binary, one module per area, to keep link time down.

mod common;

mod auth;
mod binary;
mod faults;
mod oauth;
mod observation;
mod schemas;
mod validation;
