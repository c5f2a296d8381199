"""Shared GraphQL machinery every domain uses: connections, filters, errors, execution."""
