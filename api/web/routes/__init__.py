"""The pages, one module per audience: sign-in, clients, freelancers, sourcing, moderation,
sanctions."""
