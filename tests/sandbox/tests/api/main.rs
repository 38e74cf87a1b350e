//! End-to-end tests of the sandbox over real HTTP (reqwest against a started server):
//! the Schemas API and its validation, auth and OAuth, fault injection, seeding and the
//! request log; standard objects, the Properties and Pipelines APIs, per-object scopes
//! and the request-line limit. One test binary, one module per area, to keep link time
//! down.

mod common;

mod auth;
mod binary;
mod faults;
mod oauth;
mod observation;
mod pipelines;
mod properties;
mod request_line;
mod schemas;
mod scopes;
mod standard;
mod validation;
