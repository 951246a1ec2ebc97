// GET /openapi.json and /asyncapi.json: machine-readable descriptions for agency integrators,
// built once at start from the zod schemas that validate events. No token needed: they describe
// the interface, not anyone's data.
import express, { type Router } from "express";
import { buildOpenApi } from "../api-docs/openapi.ts";
import { buildAsyncApi } from "../api-docs/asyncapi.ts";

export function createApiDocsRouter(): Router {
  const router = express.Router();
  const openapi = JSON.stringify(buildOpenApi());
  const asyncapi = JSON.stringify(buildAsyncApi());
  router.get("/openapi.json", (_req, res) => {
    res.type("application/json").send(openapi);
  });
  router.get("/asyncapi.json", (_req, res) => {
    res.type("application/json").send(asyncapi);
  });
  return router;
}
