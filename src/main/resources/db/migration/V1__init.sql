create table probe(id bigint primary key);
