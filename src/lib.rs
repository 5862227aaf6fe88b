//! redflag scans chat text for signs of online grooming and sextortion.
pub mod chat;
pub mod conversation;
